// The story folder, validated at build time by src/lib/story/storyPlugin.ts.
declare module 'virtual:story' {
  import type { Story } from './lib/story/types.ts';
  export const story: Story;
  /** URL of each layer file, keyed by its path in the story folder. */
  export const dataUrls: Record<string, string>;
}
