// Vite plugin: loads and validates a story folder once, at build time (and on every change in dev), and exposes it
// as the module `virtual:story`. Bad story data fails the build with the file, the field and what is wrong.
// Layer GeoJSON files become assets fetched at run time, so the map data stays off the critical path.
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { loadStoryFolder } from './loadFolder.ts';
import { STORY_FILE_NAMES } from './validate.ts';

const VIRTUAL_ID = 'virtual:story';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

/**
 * @param folder the story folder, relative to the project root (e.g. "data/kursk")
 */
export function storyPlugin(folder: string): Plugin {
  let root = process.cwd();
  return {
    name: 'story',
    configResolved(config) {
      root = config.root;
    },
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      const directory = resolve(root, folder);
      const { story, geo } = loadStoryFolder(directory);
      for (const name of STORY_FILE_NAMES) this.addWatchFile(join(directory, name));
      const files = [...geo.keys(), ...(story.timeline ? [story.timeline.file] : [])];
      for (const name of ['timeline.json', 'figures.json']) this.addWatchFile(join(directory, name));
      for (const file of files) this.addWatchFile(join(directory, file));
      // `?url` lets Vite emit each file as an asset whose URL resolves against the importing chunk's own URL, so the
      // build works from any path prefix and from a script embed on another origin.
      const imports = files.map((file, index) => `import url${index} from ${JSON.stringify(`${join(directory, file)}?url`)};`);
      const urls = files.map((file, index) => `${JSON.stringify(file)}: url${index}`);
      return [
        ...imports,
        // Figures are already written into the notes; the page needs only the notes.
        `export const story = ${JSON.stringify({ ...story, figures: [] })};`,
        `export const dataUrls = {${urls.join(', ')}};`,
      ].join('\n');
    },
  };
}
