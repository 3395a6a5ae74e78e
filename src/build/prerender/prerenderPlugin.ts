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

const MARKER = '<!--app-html-->';
const MAPS_DIR = 'assets/maps';

/** Without JavaScript the live map never comes: show each step's static map instead. */
const NOSCRIPT_STYLE = '<noscript><style>.map-column,.motion-toggle{display:none}.scrolly{display:block}.story-text{max-width:44rem;margin:0 auto}.print-map{display:block}</style></noscript>';

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

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
        if (!html.includes(MARKER)) return html;
        const server = await createServer({
          configFile: false,
          root,
          logLevel: 'error',
          appType: 'custom',
          plugins: [svelte({ configFile: false }), storyPlugin(storyFolder)],
          server: { middlewareMode: true, hmr: false, ws: false },
          optimizeDeps: { noDiscovery: true, include: [] },
        });
        let rendered: { body: string; head: string; storyJson: string };
        try {
          const { renderPage } = (await server.ssrLoadModule('/src/build/prerender/entry.ts')) as { renderPage(): typeof rendered };
          rendered = renderPage();
        } finally {
          await server.close();
        }
        const { story, geo } = loadStoryOnce(resolve(root, storyFolder));
        maps = await renderStepMaps(story, geo);
        let body = rendered.body;
        for (const step of story.steps) {
          const placeholder = `<div class="print-map" data-print-map="${step.id}"></div>`;
          const image = `<img class="print-map__image" src="${MAPS_DIR}/${step.id}.svg" alt="${escapeAttribute(step.alt ?? `Map for this part of the story`)}" width="640" height="480" loading="lazy">`;
          body = body.replace(placeholder, `<div class="print-map" data-print-map="${step.id}">${image}</div>`);
        }
        const data = `<script type="application/json" data-story>${rendered.storyJson}</script>`;
        return html
          .replace(MARKER, body)
          .replace('</head>', `${rendered.head}${NOSCRIPT_STYLE}</head>`)
          .replace('</body>', `${data}</body>`);
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
