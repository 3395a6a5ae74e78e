// Vite plugin: loads and validates a story folder once, at build time (and on every change in dev), and exposes it
// to the app. Bad story data fails the build with the file, the field and what is wrong.
//
// Three modules:
// - `virtual:story` — the validated story as a JS object: for the dev server and the build-time prerender.
// - `virtual:story-locator` — the locator inset's land, drawn here as an SVG path (locatorPath.ts): a chunk loaded
//   when the locator first shows, instead of the page fetching, parsing and projecting the land file itself.
// - `virtual:story-assets` — URLs only: each layer's data file and, in a build, the story itself as a JSON file and
//   each step's map preview (src/build/prerender/previews.ts, written to assets/maps/STEP.svg).
//   The page reads the story from JSON inlined into the HTML (or fetches it), so the entry chunk stays small and
//   the same bundle can be embedded elsewhere. Every URL resolves against the chunk's own URL: the build works from
//   any path prefix and from a script embed on another origin.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { loadStoryFolder, type LoadedStory } from './loadFolder.ts';
import { renderStepPreviews } from './prerender/previews.ts';
import { PRINT_MAPS_DIR } from '../lib/printMaps.ts';
import { locatorFile, locatorOutline } from '../lib/map/locatorPath.ts';
import { STORY_FILE_NAMES } from '../lib/story/validate.ts';
import type { Story } from '../lib/story/types.ts';

const STORY_ID = 'virtual:story';
const ASSETS_ID = 'virtual:story-assets';
const LOCATOR_ID = 'virtual:story-locator';
const MODULE_IDS = [STORY_ID, ASSETS_ID, LOCATOR_ID];
const OPTIONAL_FILES = ['timeline.json', 'figures.json'];

/** Loaded story folders by path: one build loads a folder once, for the page, the prerender and its static maps. */
const loadedFolders = new Map<string, LoadedStory>();

/** Loads and validates a story folder, once per build (and again after a change in dev). */
export function loadStoryOnce(directory: string): LoadedStory {
  let loaded = loadedFolders.get(directory);
  if (!loaded) {
    loaded = loadStoryFolder(directory);
    loadedFolders.set(directory, loaded);
  }
  return loaded;
}

/** Step previews by story folder: drawn once per build, for the assets and for the page's first map. */
const drawnPreviews = new Map<string, Map<string, string>>();

/** Each step's map preview (SVG documents by step ID), drawn once per build. */
export function previewsOnce(directory: string): Map<string, string> {
  let previews = drawnPreviews.get(directory);
  if (!previews) {
    const { story, geo } = loadStoryOnce(directory);
    previews = renderStepPreviews(story, geo);
    drawnPreviews.set(directory, previews);
  }
  return previews;
}

/** The story as the page receives it: figures are already written into the notes. */
export function storyForPage(story: Story): Story {
  return { ...story, figures: [] };
}

/** The build's story file (hashed in assets/): what the page and the embeds hydrate from. */
export const STORY_FILE = 'story.json';

/**
 * @param folder the story folder, relative to the project root (e.g. "data/kursk")
 */
export function storyPlugin(folder: string): Plugin {
  let root = process.cwd();
  let building = false;
  const load = (): LoadedStory => loadStoryOnce(resolve(root, folder));

  return {
    name: 'story',
    configResolved(config) {
      root = config.root;
      building = config.command === 'build';
    },
    watchChange() {
      loadedFolders.clear();
      drawnPreviews.clear();
    },
    resolveId(id) {
      return MODULE_IDS.includes(id) ? `\0${id}` : undefined;
    },
    load(id) {
      if (!MODULE_IDS.some((moduleId) => id === `\0${moduleId}`)) return undefined;
      const directory = resolve(root, folder);
      const { story, geo } = load();
      // Watch an optional file only when the story has it: in dev, Vite resolves a watched file like an import, and
      // a missing one stops the page (a story drafted by the kit has no timeline.json or figures.json).
      const optional = OPTIONAL_FILES.filter((name) => existsSync(join(directory, name)));
      for (const name of [...STORY_FILE_NAMES, ...optional]) this.addWatchFile(join(directory, name));
      if (id === `\0${STORY_ID}`) return `export const story = ${JSON.stringify(storyForPage(story))};`;
      if (id === `\0${LOCATOR_ID}`) {
        const file = locatorFile(story);
        if (file) this.addWatchFile(join(directory, file));
        return `export const outline = ${JSON.stringify(locatorOutline(story, geo) ?? null)};`;
      }

      const files = [...geo.keys(), ...(story.timeline ? [story.timeline.file] : [])];
      for (const file of files) this.addWatchFile(join(directory, file));
      // `?url` lets Vite emit each file as an asset with a URL relative to the importing chunk.
      const imports = files.map(
        (file, index) => `import url${index} from ${JSON.stringify(`${join(directory, file)}?url`)};`,
      );
      const urls = files.map((file, index) => `${JSON.stringify(file)}: url${index}`);
      let storyUrl = 'undefined';
      const previewUrls: string[] = [];
      if (building) {
        const reference = this.emitFile({
          type: 'asset',
          name: STORY_FILE,
          source: JSON.stringify(storyForPage(story)),
        });
        storyUrl = `import.meta.ROLLUP_FILE_URL_${reference}`;
        // Fixed names: print and the page without JavaScript show them from the page's own HTML.
        for (const [stepId, svg] of previewsOnce(directory)) {
          const preview = this.emitFile({
            type: 'asset',
            fileName: `${PRINT_MAPS_DIR}/${encodeURIComponent(stepId)}.svg`,
            source: svg,
          });
          previewUrls.push(`${JSON.stringify(stepId)}: import.meta.ROLLUP_FILE_URL_${preview}`);
        }
      }
      return [
        ...imports,
        `export const dataUrls = {${urls.join(', ')}};`,
        '/** The story as a JSON file (builds only; the dev server uses virtual:story). */',
        `export const storyUrl = ${storyUrl};`,
        "/** Each step's map preview by step ID (builds only). */",
        `export const previewUrls = {${previewUrls.join(', ')}};`,
      ].join('\n');
    },
  };
}
