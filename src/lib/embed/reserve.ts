// The height the script embed's loader (src/embed.ts) reserves on a host element until the explainer is in it: one
// screen, so the host's own text below the element does not move when the explainer arrives.

export const RESERVED_HEIGHT = '100vh';

/** Lets the loader's reservation go: the mounted explainer (or a failure notice) sizes the element from now on. */
export function releaseReservedHeight(host: HTMLElement): void {
  if (host.style.minHeight === RESERVED_HEIGHT) host.style.removeProperty('min-height');
}
