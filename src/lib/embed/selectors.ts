// The host elements the script embed mounts into: the product's attribute, and the one already published.

/** `<div data-story-map>`; `<div data-kursk-explainer>` keeps working for pages that embed it already. */
export const EMBED_SELECTOR = '[data-story-map], [data-kursk-explainer]';
