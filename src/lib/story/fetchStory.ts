// The story as the build writes it beside the bundle (assets/story-HASH.json, storyPlugin): fetched by the page and
// by the script embed, and checked to be a story before anything is drawn from it.
import type { Story } from './types.ts';

/**
 * The story at `url`, or the dev server's own (virtual:story).
 * @throws naming the HTTP status, or saying the file is not a story
 */
export async function fetchStory(url: string | undefined): Promise<Story> {
  // A constant condition: a production bundle carries neither the dev branch nor the story module.
  if (import.meta.env.DEV) return (await import('virtual:story')).story;
  if (!url) throw new Error('The build carries no story file.');
  const response = await fetch(url);
  if (!response.ok) throw new Error(`The story data could not be loaded (HTTP ${response.status}).`);
  const story = (await response.json()) as Story | null;
  if (
    !story ||
    typeof story !== 'object' ||
    !Array.isArray(story.steps) ||
    !Array.isArray(story.passages) ||
    !story.meta
  )
    throw new Error('The story data is not a story.');
  return story;
}
