// Vite plugin (build only): prerenders the explainer into index.html. A throwaway Vite server in SSR mode loads
// src/build/prerender/entry.ts with the same Svelte and story plugins, and its HTML replaces the `<!--app-html-->` marker.
// It also draws each step's static map (src/build/prerender/staticMaps.ts) into assets/maps/: the page without
// JavaScript and the printed page show them in place of the live map.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { createServer, type Plugin } from 'vite';
import { loadStoryOnce, storyPlugin } from '../storyPlugin.ts';
import { renderStepMaps } from './staticMaps.ts';
import { APP_MARKER, assemblePage, type PrerenderedPage } from './page.ts';
import { PRINT_MAPS_DIR as MAPS_DIR } from '../../lib/printMaps.ts';

/**
 * @param storyFolder the story folder, as given to storyPlugin
 */
export function prerenderPlugin(storyFolder: string): Plugin {
  let root = process.cwd();
  let outDir = 'dist';
  let maps = new Map<string, string>();
  return {
    name: 'prerender',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = resolve(config.root, config.build.outDir);
    },
    transformIndexHtml: {
      order: 'post',
      async handler(html) {
        if (!html.includes(APP_MARKER)) return html;
        const server = await createServer({
          configFile: false,
          root,
          logLevel: 'error',
          appType: 'custom',
          plugins: [svelte({ configFile: false }), storyPlugin(storyFolder)],
          server: { middlewareMode: true, hmr: false, ws: false },
          optimizeDeps: { noDiscovery: true, include: [] },
        });
        let rendered: PrerenderedPage;
        try {
          const entry = (await server.ssrLoadModule('/src/build/prerender/entry.ts')) as {
            renderPage(mapsDir: string): PrerenderedPage;
          };
          rendered = entry.renderPage(MAPS_DIR);
        } finally {
          await server.close();
        }
        const { story, geo } = loadStoryOnce(resolve(root, storyFolder));
        maps = await renderStepMaps(story, geo);
        return assemblePage(html, rendered);
      },
    },
    writeBundle() {
      if (maps.size === 0) return;
      const folder = join(outDir, MAPS_DIR);
      mkdirSync(folder, { recursive: true });
      for (const [stepId, svg] of maps) writeFileSync(join(folder, `${stepId}.svg`), svg);
    },
  };
}
