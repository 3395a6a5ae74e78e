// Inside an auto-height iframe, `vh` is the iframe's own height, which the iframe's content sets: any height in vh
// would grow the content, which grows the iframe, which grows the vh… These rules restate the stylesheet's vh-based
// heights in `--kx-vh`, one hundredth of the HOST's viewport height, set by frame.ts. Scoped to the scrolly layout
// (`.kx-frame .scrolly …`), so the stacked layout keeps its own rules.
// Keep in step with the vh values in src/styles/explainer.css.
export const FRAME_CSS = `
.kx-frame .scrolly .story-text { padding-bottom: calc(30 * var(--kx-vh, 8px)); }
.kx-frame .scrolly .step { min-height: calc(75 * var(--kx-vh, 8px)); }
.kx-frame .scrolly .step:first-child { min-height: calc(85 * var(--kx-vh, 8px)); }
@media (max-width: 47.99rem) {
  .kx-frame .scrolly .step, .kx-frame .scrolly [data-passage] { scroll-margin-top: calc(44 * var(--kx-vh, 8px)); }
  .kx-frame .scrolly .step { min-height: calc(55 * var(--kx-vh, 8px)); }
  .kx-frame .scrolly .step:first-child { min-height: calc(50 * var(--kx-vh, 8px)); }
}
`;
