// Draft steps: an overview for the headline and dek whose camera fits every place, then one step for each
// paragraph that names a place (its camera fits those places, which it emphasises). A paragraph that names none
// joins the step before it, so every passage belongs to exactly one step, in article order, as the validator asks.
import { placesNamedIn } from '../../lib/story/mentions.ts';
import type { CameraSpec, Passage, Place, Step } from '../../lib/story/types.ts';

/** Closest zoom a draft camera goes to when it fits a single town. */
const MAX_FIT_ZOOM = 9;

/** "A", "A and B", "A, B and C". */
export function listOf(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

/** A camera fitting places: the towns when a paragraph names towns and countries (the towns are what it is about). */
function cameraFor(placeIds: string[], places: readonly Place[], padding: number): CameraSpec {
  const named = places.filter((place) => placeIds.includes(place.id));
  const towns = named.filter((place) => place.kind === 'town' || place.kind === 'city');
  const fit = (towns.length > 0 ? towns : named).map((place) => place.id);
  return { fit: { places: fit }, padding, maxZoom: MAX_FIT_ZOOM };
}

function draftNote(names: string[]): string {
  return `Draft: the map shows ${listOf(names)}. Replace this note with what the reader should see.`;
}

/**
 * Drafts the steps of a story.
 * @param passages the article, in order (headline, dek, p1…)
 * @param places the story's places, whose names and aliases are found in the text as the page finds them
 */
export function draftSteps(passages: readonly Passage[], places: readonly Place[]): Step[] {
  const nameOf = (id: string): string => places.find((place) => place.id === id)?.name ?? id;
  const usedIds = new Set<string>();
  const uniqueId = (base: string): string => {
    let id = base;
    for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
    usedIds.add(id);
    return id;
  };
  const intro = passages.filter((passage) => passage.role !== 'paragraph');
  const introPlaces = [...new Set(intro.flatMap((passage) => placesNamedIn(passage.text, places)))];
  const all = places.map((place) => place.id);
  const steps: Step[] = [
    {
      id: uniqueId('overview'),
      passages: intro.map((passage) => passage.id),
      camera: { fit: { places: all }, padding: 40, maxZoom: MAX_FIT_ZOOM },
      layers: [],
      emphasis: introPlaces,
      note: draftNote(places.map((place) => place.name)),
      alt: `Map of the story's places: ${listOf(places.map((place) => place.name))}.`,
    },
  ];
  for (const passage of passages) {
    if (passage.role !== 'paragraph') continue;
    const named = placesNamedIn(passage.text, places);
    const current = steps[steps.length - 1] as Step;
    if (named.length === 0) {
      current.passages.push(passage.id);
      continue;
    }
    const names = named.map(nameOf);
    steps.push({
      // Named after the first town it shows (what the paragraph is about), else its first place.
      id: uniqueId(
        named.find((id) => places.find((place) => place.id === id)?.kind !== 'region') ?? named[0] ?? 'step',
      ),
      passages: [passage.id],
      camera: cameraFor(named, places, 60),
      layers: [],
      emphasis: named,
      note: draftNote(names),
      alt: `Map of ${listOf(names)}.`,
    });
  }
  return steps;
}
