// The stylesheet of the script embed's shadow root. The shadow root already keeps the host's selectors out and ours in;
// two things still cross it and are handled here:
// - inherited properties (font, colour, line height, letter spacing …) flow from the host element into the shadow
//   tree: the wrapper resets them all (`all: initial`) before the explainer sets its own;
// - `rem` is relative to the HOST document's root font size (a host with `html { font-size: 30px }` would scale the
//   whole explainer): every rem length is rewritten to px at the browser default, 16 px. Media queries in rem already
//   use the default size, so their rewrite changes nothing.
// One thing the page's stylesheet cannot know: in a host's article column (600–700 px on a desktop screen), the
// explainer is as narrow as on a phone while the screen is wide. Each width query for narrow screens is followed by
// the same rules as a container query on the wrapper, so the narrow layout follows the explainer's own width; a
// browser without container queries keeps the screen's.
import { ACCENT, INK } from '../cartography/styles.ts';

/** The root font size our stylesheet was designed with. */
const REM = 16;

/** Rewrites every `<number>rem` length in a stylesheet to px. */
export function remToPx(css: string, rem = REM): string {
  return css.replace(/(^|[^\w.-])(-?(?:\d+\.\d+|\d+|\.\d+))rem\b/g, (_match, before: string, value: string) => {
    const px = Math.round(Number(value) * rem * 1000) / 1000;
    return `${before}${px}px`;
  });
}

/** The same rules as each `@media (max-width: …)` block, as a container query on the wrapper, right after it. */
export function withContainerQueries(css: string): string {
  const query = /@media\s*\((max-width:\s*[\d.]+px)\)\s*\{/g;
  let out = '';
  let from = 0;
  for (let match = query.exec(css); match; match = query.exec(css)) {
    let depth = 1;
    let end = query.lastIndex;
    while (depth > 0 && end < css.length) {
      const char = css[end++];
      if (char === '{') depth++;
      else if (char === '}') depth--;
    }
    if (depth > 0) throw new Error(`shadowCss: unbalanced braces after "${match[0]}"`);
    const body = css.slice(query.lastIndex, end - 1);
    out += `${css.slice(from, end)}\n@container (${match[1]}) {${body}}`;
    from = query.lastIndex = end;
  }
  return out + css.slice(from);
}

/** The wrapper class inside the shadow root. */
export const ROOT_CLASS = 'kx-root';

/** The shadow root's whole stylesheet, from the app's stylesheet (imported with `?inline`). */
export function shadowStylesheet(appCss: string): string {
  return `
:host { display: block; }
:host([hidden]) { display: none; }
.${ROOT_CLASS} { all: initial; display: block; position: relative; container-type: inline-size; }
.kx-notice {
  margin: 0; padding: 12px 16px; border-left: 3px solid ${ACCENT}; background: #fdf3ea; color: ${INK};
  font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif;
}
${withContainerQueries(remToPx(appCss))}`;
}
