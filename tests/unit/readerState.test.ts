// The reader's state as one unit: reading steps, selecting places (and when a selection ends), picking dates, the
// motion preference and the address that follows them.
import { describe, expect, it } from 'vitest';
import { ReaderState } from '../../src/lib/reader/readerState.svelte.ts';
import type { Address } from '../../src/lib/address.ts';
import { validateStory } from '../../src/lib/story/validate.ts';
import { createStoryFiles, loadRealStory } from './storyFixtures.ts';

function createReader() {
  // The loaded story: its dated layers carry the snapshots the build reads from their files.
  const story = structuredClone(loadRealStory().story);
  const addresses: Address[] = [];
  const reader = new ReaderState(story, { onaddress: (address) => addresses.push(address) });
  return { story, reader, addresses };
}

/** The step holding a passage. */
function stepOf(story: ReturnType<typeof createReader>['story'], passageId: string): string {
  const step = story.steps.find((candidate) => candidate.passages.includes(passageId));
  if (!step) throw new Error(`no step holds ${passageId}`);
  return step.id;
}

describe('ReaderState', { timeout: 60_000 }, () => {
  it('starts at the first step, and follows the step being read into the map state and the address', () => {
    const { reader, addresses } = createReader();
    expect(reader.activeStepId).toBe('overview');
    expect(reader.mapState.stepId).toBe('overview');
    reader.read('salient');
    expect(reader.activeStepId).toBe('salient');
    expect(reader.mapState.stepId).toBe('salient');
    expect(addresses.at(-1)).toEqual({ kind: 'step', id: 'salient' });
  });

  it('keeps a picked date on its step and drops it at the next', () => {
    const { reader } = createReader();
    reader.read('salient');
    reader.pickDate('2024-11-01');
    expect(reader.mapState.date).toBe('2024-11-01');
    expect(reader.mapState.snapshots['control-held']?.date).toBe('2024-11-01');
    reader.read('salient');
    expect(reader.mapState.date).toBe('2024-11-01');
    reader.read('supply-road');
    expect(reader.mapState.date).toBe('2025-03-11');
  });

  it('selecting with a scroll returns the first passage naming the place; steps passed on the way keep the selection', () => {
    const { story, reader, addresses } = createReader();
    const first = reader.mentions.get('bakhmut')?.[0];
    expect(first).toBeDefined();
    const passageId = reader.select('bakhmut', { scroll: true, currentStepId: 'overview' });
    expect(passageId).toBe(first);
    expect(addresses.at(-1)).toEqual({ kind: 'place', id: 'bakhmut' });
    expect(reader.mapState.selectedPlaceId).toBe('bakhmut');
    expect([...reader.highlighted]).toEqual(reader.mentions.get('bakhmut'));
    const target = stepOf(story, passageId ?? '');
    const index = story.steps.findIndex((step) => step.id === target);
    // The scroll passes the steps before the target: they do not end the selection.
    for (const step of story.steps.slice(1, index)) reader.read(step.id);
    expect(reader.selectedPlaceId).toBe('bakhmut');
    reader.read(target);
    expect(reader.selectedPlaceId).toBe('bakhmut');
    // The reader's own scroll away from the anchor step ends it, and the address goes back to steps.
    reader.read(story.steps[index + 1]?.id ?? 'overview');
    expect(reader.selectedPlaceId).toBeUndefined();
    expect(reader.highlighted.size).toBe(0);
    expect(addresses.at(-1)?.kind).toBe('step');
  });

  it('selecting without a scroll anchors on the step being read', () => {
    const { reader } = createReader();
    reader.read('sudzha');
    expect(reader.select('sumy', { scroll: false, currentStepId: 'sudzha' })).toBeUndefined();
    reader.read('sudzha');
    expect(reader.selectedPlaceId).toBe('sumy');
    reader.read('salient');
    expect(reader.selectedPlaceId).toBeUndefined();
  });

  it('clears a selection on request, writing the step address', () => {
    const { reader, addresses } = createReader();
    reader.read('donbas');
    reader.select('avdiivka', { scroll: false });
    reader.clearSelection();
    expect(reader.selectedPlaceId).toBeUndefined();
    expect(reader.mapState.selectedPlaceId).toBeUndefined();
    expect(addresses.at(-1)).toEqual({ kind: 'step', id: 'donbas' });
  });

  it('follows the system motion preference until the reader toggles it', () => {
    const { reader } = createReader();
    expect(reader.reducedMotion).toBe(false);
    reader.systemReducedMotion = true;
    expect(reader.reducedMotion).toBe(true);
    reader.toggleMotion();
    expect(reader.reducedMotion).toBe(false);
    reader.systemReducedMotion = false;
    expect(reader.reducedMotion).toBe(false);
    reader.toggleMotion();
    expect(reader.reducedMotion).toBe(true);
  });

  it('writes no address when it has nowhere to write it (an embed)', () => {
    const story = validateStory(createStoryFiles());
    const reader = new ReaderState(story);
    reader.read('salient');
    expect(reader.select('sudzha', { scroll: true })).toBeDefined();
  });
});
