// The reader's state, in one tested unit: the step being read, the selected place and the step that anchors it,
// a date picked with the date control, the motion preference, and the address that follows them. Everything the
// page shows is derived from it (the map state first). What selecting a place does is answered here.
import type { Address } from '../address.ts';
import { mapStateFor, type MapState } from '../map/state.ts';
import { passagesByPlace } from '../story/mentions.ts';
import type { Story } from '../story/types.ts';

export interface ReaderOptions {
  /** Called when the address should change (#step-… or #place-…); omit to leave the address alone (embeds). */
  onaddress?: (address: Address) => void;
}

/**
 * One reader of one story. A selection survives the scroll that brings its passage into view; the reader's own scroll
 * away from that step ends it. The anchor is the step holding the passage scrolled to; until the page reaches it,
 * steps passed on the way do not count.
 */
export class ReaderState {
  /** The step being read, as last measured; before any measurement, the first. */
  #readingStepId: string | undefined = $state();
  #selectedPlaceId: string | undefined = $state();
  /** A date the reader picked with the date control; the next step's own date replaces it. */
  #pickedDate: string | undefined = $state();
  /** The system's prefers-reduced-motion. */
  systemReducedMotion = $state(false);
  /** The reader's choice with the motion toggle, when made. */
  #motionChoice: 'reduced' | 'full' | undefined = $state();
  #anchor: { stepId: string; reached: boolean } | undefined;
  readonly #story: Story;
  readonly #onaddress: ((address: Address) => void) | undefined;
  #mentions: Map<string, string[]> | undefined;

  /** What the map shows now. */
  readonly mapState: MapState;
  /** The passages highlighted for the selection. */
  readonly highlighted: ReadonlySet<string>;

  constructor(story: Story, options: ReaderOptions = {}) {
    this.#story = story;
    this.#onaddress = options.onaddress;
    this.mapState = $derived(mapStateFor(story, this.activeStepId, this.#selectedPlaceId, this.#pickedDate));
    // A fresh set each time the selection changes, never mutated: nothing to make reactive inside it.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    this.highlighted = $derived(new Set(this.#selectedPlaceId ? (this.mentions.get(this.#selectedPlaceId) ?? []) : []));
  }

  /** Passage IDs naming each place, in article order: found at the first selection, not while the page starts. */
  get mentions(): Map<string, string[]> {
    this.#mentions ??= passagesByPlace(this.#story.passages, this.#story.places);
    return this.#mentions;
  }

  get activeStepId(): string {
    return this.#readingStepId ?? this.#story.steps[0]?.id ?? '';
  }

  get selectedPlaceId(): string | undefined {
    return this.#selectedPlaceId;
  }

  get pickedDate(): string | undefined {
    return this.#pickedDate;
  }

  get reducedMotion(): boolean {
    return this.#motionChoice ? this.#motionChoice === 'reduced' : this.systemReducedMotion;
  }

  /** The page now reads `stepId` (from a scroll measurement). */
  read(stepId: string): void {
    if (stepId !== this.#readingStepId) this.#pickedDate = undefined;
    this.#readingStepId = stepId;
    if (this.#selectedPlaceId && this.#anchor) {
      if (stepId === this.#anchor.stepId) this.#anchor.reached = true;
      else if (this.#anchor.reached) {
        this.#selectedPlaceId = undefined;
        this.#anchor = undefined;
      }
    }
    if (!this.#selectedPlaceId) this.#onaddress?.({ kind: 'step', id: stepId });
  }

  /**
   * Selects a place. With `scroll`, returns the first passage naming it, for the page to bring into view; the step
   * holding it anchors the selection. `currentStepId` is the step being read now (measured since the last frame).
   */
  select(
    placeId: string,
    { scroll, currentStepId = this.activeStepId }: { scroll: boolean; currentStepId?: string },
  ): string | undefined {
    this.#selectedPlaceId = placeId;
    this.#onaddress?.({ kind: 'place', id: placeId });
    const first = this.mentions.get(placeId)?.[0];
    const target = scroll && first ? this.#story.steps.find((step) => step.passages.includes(first))?.id : undefined;
    this.#anchor =
      target && target !== currentStepId
        ? { stepId: target, reached: false }
        : { stepId: currentStepId, reached: true };
    return scroll ? first : undefined;
  }

  /** Ends the selection; the address goes back to the step. */
  clearSelection(): void {
    this.#selectedPlaceId = undefined;
    this.#anchor = undefined;
    this.#onaddress?.({ kind: 'step', id: this.activeStepId });
  }

  /** The reader picked a snapshot date; it holds until the next step. */
  pickDate(date: string): void {
    this.#pickedDate = date;
  }

  /** The motion toggle: the opposite of what is in force now. */
  toggleMotion(): void {
    this.#motionChoice = this.reducedMotion ? 'full' : 'reduced';
  }
}
