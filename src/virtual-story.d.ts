// Modules made by src/build/storyPlugin.ts from the story folder, validated at build time.
declare module 'virtual:story' {
  import type { Story } from './lib/story/types';
  /** The validated story (dev server and prerender). */
  export const story: Story;
}

declare module 'virtual:story-assets' {
  /** URL of each data file (layers, series), keyed by its path in the story folder. */
  export const dataUrls: Record<string, string>;
  /** URL of the story as a JSON file; undefined on the dev server. */
  export const storyUrl: string | undefined;
  /** URL of each step's map preview, keyed by step ID; empty on the dev server. */
  export const previewUrls: Record<string, string>;
}

declare module 'virtual:story-locator' {
  /** The locator inset's land as one SVG path in the inset's pixels (locatorPath.ts); null without a locator. */
  export const outline: string | null;
}
