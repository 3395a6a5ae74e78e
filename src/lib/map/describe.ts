// Describes a map state in words, for the live region that screen readers announce as the story moves.
import type { Camera, MapState } from './state.ts';
import type { Story } from '../story/types.ts';
import { formatDate } from '../format.ts';

function listOf(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function spanOf(camera: Camera): number {
  if (camera.kind === 'bounds') {
    const [west, south, east, north] = camera.bounds;
    return Math.max(east - west, north - south);
  }
  return 360 / 2 ** camera.zoom;
}

/**
 * One or two sentences: which places and layers the map shows, what changed from the previous state, and the
 * author's alt text for the step.
 */
export function describeMapState(story: Story, state: MapState, previous?: MapState): string {
  const places = state.emphasis
    .map((placeId) => story.places.find((place) => place.id === placeId)?.name)
    .filter((name): name is string => Boolean(name));
  const layers = story.layers
    .filter((layer) => !layer.base && (state.layerOpacity[layer.id] ?? 0) > 0)
    .map((layer) => layer.name);
  const parts: string[] = [];
  const selected = story.places.find((place) => place.id === state.selectedPlaceId);
  if (selected) parts.push(`Map centred on ${selected.name}.`);
  else if (places.length > 0) parts.push(`Map showing ${listOf(places)}.`);
  if (layers.length > 0)
    parts.push(`Shown: ${listOf(layers)}${state.date ? `, as of ${formatDate(state.date)}` : ''}.`);
  if (previous) {
    const ratio = spanOf(state.camera) / spanOf(previous.camera);
    if (ratio > 1.5) parts.push('Zoomed out.');
    else if (ratio < 1 / 1.5) parts.push('Zoomed in.');
  }
  const step = story.steps.find((candidate) => candidate.id === state.stepId);
  if (step?.alt && !selected) parts.push(step.alt);
  return parts.join(' ');
}
