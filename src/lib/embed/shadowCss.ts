// The stylesheet of the script embed's shadow root. The shadow root already keeps the host's selectors out and ours in;
// two things still cross it and are handled here:
// - inherited properties (font, colour, line height, letter spacing …) flow from the host element into the shadow
//   tree: the wrapper resets them all (`all: initial`) before the explainer sets its own;
// - `rem` is relative to the HOST document's root font size (a host with `html { font-size: 30px }` would scale the
//   whole explainer): every rem length is rewritten to px at the browser default, 16 px. Media queries in rem already
//   use the default size, so their rewrite changes nothing.
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

/** The wrapper class inside the shadow root. */
export const ROOT_CLASS = 'kx-root';

/** The shadow root's whole stylesheet, from the app's stylesheet (imported with `?inline`). */
export function shadowStylesheet(appCss: string): string {
  return `
:host { display: block; }
:host([hidden]) { display: none; }
.${ROOT_CLASS} { all: initial; display: block; position: relative; }
.kx-notice {
  margin: 0; padding: 12px 16px; border-left: 3px solid ${ACCENT}; background: #fdf3ea; color: ${INK};
  font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif;
}
${remToPx(appCss)}`;
}
