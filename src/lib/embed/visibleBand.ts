// Where the host page's viewport is, from inside an iframe that nobody tells: pure geometry on what an
// IntersectionObserver with the implicit root (the top-level viewport) reports for thin slices of the document.
//
// A cross-origin iframe gets no rootBounds, only each slice's intersectionRect in its own coordinates. The union of
// the visible slices is the part of the iframe the reader sees. When neither the iframe's top nor its bottom cuts that
// band, it IS the host viewport (exact). When one edge cuts it, the other edge is still exact and the height is at
// least the visible part: the last exact height (or a guess) fills in the rest.

/** A visible stretch of the document, in the iframe's viewport coordinates. */
export interface Stretch {
  top: number;
  bottom: number;
}

/** The host viewport, as far as this iframe can tell. */
export interface Band {
  /** The host viewport's top, in the iframe's viewport coordinates. */
  top: number;
  /** The host viewport's height. */
  height: number;
  /** True when both edges of the host viewport were seen inside the iframe (the height is measured, not assumed). */
  exact: boolean;
}

/** Slack for edges that sit on the iframe's own edge (sub-pixel rounding). */
const EDGE = 0.5;

/**
 * The host viewport from the visible stretches of the document.
 * @param stretches visible parts of the document (any order; may overlap)
 * @param frameHeight the iframe's own viewport height (window.innerHeight inside it)
 * @param knownHeight the host viewport's height when known (an earlier exact band, a host message), else a guess
 * @returns undefined when nothing is visible (the iframe is scrolled out of the host's view)
 */
export function bandFromStretches(
  stretches: Iterable<Stretch>,
  frameHeight: number,
  knownHeight: number,
): Band | undefined {
  let top = Infinity;
  let bottom = -Infinity;
  for (const stretch of stretches) {
    if (!(stretch.bottom > stretch.top)) continue;
    top = Math.min(top, stretch.top);
    bottom = Math.max(bottom, stretch.bottom);
  }
  if (!Number.isFinite(top) || !Number.isFinite(bottom)) return undefined;
  const visible = bottom - top;
  const cutAbove = top <= EDGE;
  const cutBelow = bottom >= frameHeight - EDGE;
  if (!cutAbove && !cutBelow) return { top, height: visible, exact: true };
  const height = Math.max(visible, Number.isFinite(knownHeight) && knownHeight > 0 ? knownHeight : visible);
  // The iframe's top is on screen: the viewport's bottom is exact, its top lies above the iframe.
  if (cutAbove && !cutBelow) return { top: bottom - height, height, exact: false };
  // The iframe's bottom is on screen: the viewport's top is exact.
  if (!cutAbove && cutBelow) return { top, height, exact: false };
  // The whole iframe is on screen: where it sits in the viewport is unknown; assume centred.
  return { top: top - (height - visible) / 2, height, exact: false };
}
