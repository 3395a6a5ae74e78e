// The page's address: #step-ID and #place-ID open the page there; while the reader scrolls, the address follows
// with history.replaceState, so no history entries pile up.
import type { Story } from './story/types.ts';
import { whenIdle } from './nextTask.ts';

export type Address = { kind: 'step'; id: string } | { kind: 'place'; id: string };

/** Parses a hash ("#step-sudzha") against the story; unknown IDs give undefined. */
export function parseAddress(hash: string, story: Story): Address | undefined {
  const match = /^#(step|place)-(.+)$/.exec(hash);
  if (!match) return undefined;
  const [, kind, id] = match as unknown as [string, 'step' | 'place', string];
  const known =
    kind === 'step' ? story.steps.some((step) => step.id === id) : story.places.some((place) => place.id === id);
  return known ? { kind, id } : undefined;
}

/** The address of the current page. */
export function readAddress(story: Story): Address | undefined {
  return parseAddress(window.location.hash, story);
}

/** Replaces the address without a history entry; a no-op when unchanged. */
export function writeAddress(address: Address): void {
  const hash = `#${address.kind}-${address.id}`;
  if (window.location.hash === hash) return;
  history.replaceState(history.state, '', hash);
}

/** How long an address may wait for an idle moment before it is written all the same. */
const ADDRESS_WAIT_MS = 1000;

/**
 * Writes addresses with `write` once the page is idle (within a second): replaceState took about a tenth of a step
 * change's frame on a slow phone, in the frame that measured the scroll. Only the newest address is written.
 */
export function idleAddressWriter(write: (address: Address) => void = writeAddress): (address: Address) => void {
  let newest: Address | undefined;
  return (address) => {
    const waiting = newest !== undefined;
    newest = address;
    if (waiting) return;
    whenIdle(() => {
      const address = newest;
      newest = undefined;
      if (address) write(address);
    }, ADDRESS_WAIT_MS);
  };
}
