// The address follows the reader once the page is idle: the newest address only, never inside the scroll's frame.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { idleAddressWriter, type Address } from '../../src/lib/address.ts';

describe('idleAddressWriter', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes nothing at once, then only the newest of the addresses given meanwhile', () => {
    const written: Address[] = [];
    const write = idleAddressWriter((address) => written.push(address));
    write({ kind: 'step', id: 'overview' });
    write({ kind: 'step', id: 'sudzha' });
    write({ kind: 'place', id: 'sudzha' });
    expect(written).toEqual([]);
    vi.runAllTimers();
    expect(written).toEqual([{ kind: 'place', id: 'sudzha' }]);
    write({ kind: 'step', id: 'salient' });
    vi.runAllTimers();
    expect(written).toEqual([
      { kind: 'place', id: 'sudzha' },
      { kind: 'step', id: 'salient' },
    ]);
  });
});
