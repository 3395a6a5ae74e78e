// Where the reader's screen is, when the explainer cannot see it itself: inside an auto-height iframe the document
// never scrolls, so `position: sticky` and the window's scroll events are useless. A HostViewport says which part of
// this document the host page's viewport shows, and fires "scroll" when that changes.

/** The visible band of this document in the host's viewport, in this document's CSS pixels. */
export interface HostViewport {
  /** Offset of the host viewport's top from this document's top (negative when the document starts lower). */
  readonly top: number;
  /** Height of the host viewport. */
  readonly height: number;
  addEventListener(type: 'scroll', listener: () => void, options?: AddEventListenerOptions): void;
  removeEventListener(type: 'scroll', listener: () => void): void;
}

/** A HostViewport that its owner updates (from host messages, or from intersection reports). */
export class MutableHostViewport extends EventTarget implements HostViewport {
  top = 0;
  height = 0;

  /** Sets the visible band and tells listeners when it changed. */
  update(top: number, height: number): void {
    if (!Number.isFinite(top) || !Number.isFinite(height) || height <= 0) return;
    if (top === this.top && height === this.height) return;
    this.top = top;
    this.height = height;
    this.dispatchEvent(new Event('scroll'));
  }
}

/**
 * Where a pinned element (the map) should sit in a column so that it fills the host's viewport while the column is
 * on screen: the viewport's top, kept inside the column.
 */
export function pinnedOffset(
  viewport: Pick<HostViewport, 'top' | 'height'>,
  columnTop: number,
  columnHeight: number,
  pinnedHeight: number,
): number {
  const wanted = viewport.top - columnTop;
  return Math.max(0, Math.min(wanted, columnHeight - pinnedHeight));
}
