// Vite plugin (build only): prerenders the explainer into index.html. A throwaway Vite server in SSR mode loads
// src/build/prerender/entry.ts with the same Svelte and story plugins, and its HTML replaces the `<!--app-html-->` marker.
// The map box gets the opening step's preview (drawn by the story plugin, which also writes every step's preview to
// assets/maps/ for print and for readers without JavaScript), framed for a phone's box by a style of its own
// (firstFrame.ts): the page shows a map with its first paint, where the page's script will keep it. Its
// stylesheet is inlined into the page, and its module scripts and story file are fetched by a small deferred script
// once the page has painted (src/pageStart.ts, written as assets/start-HASH.js): the page carries no copy of the story
// as data, only as text.
import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { createServer, type Plugin } from 'vite';
import { loadStoryOnce, previewsOnce, STORY_FILE, storyPlugin } from '../storyPlugin.ts';
import { mapStateFor } from '../../lib/map/state.ts';
import { withPhoneFrame } from './firstFrame.ts';
import { APP_MARKER, assemblePage, startAfterPaint, type PrerenderedPage } from './page.ts';
import { PRINT_MAPS_DIR as MAPS_DIR } from '../../lib/printMaps.ts';
import { selfContainedScript } from '../classicScript.ts';

/**
 * @param storyFolder the story folder, as given to storyPlugin
 */
export function prerenderPlugin(storyFolder: string): Plugin {
  let root = process.cwd();
  return {
    name: 'prerender',
    apply: 'build',
    configResolved(config) {
      root = config.root;
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
        const opening = rendered.openingStepId;
        const folder = resolve(root, storyFolder);
        const preview = opening === undefined ? undefined : previewsOnce(folder).get(opening);
        // Framed for a phone at once, as the page's script will frame it (firstFrame.ts).
        const framed =
          opening === undefined || preview === undefined
            ? undefined
            : withPhoneFrame(preview, mapStateFor(loadStoryOnce(folder).story, opening));
        return assemblePage(html, rendered, framed);
      },
    },
    // The page's stylesheet goes into the page itself: the first paint waits for no second request.
    generateBundle: {
      order: 'post',
      async handler(_options, bundle) {
        const page = bundle['index.html'];
        if (page?.type !== 'asset' || typeof page.source !== 'string') return;
        const starter = this.emitFile({
          type: 'asset',
          name: 'start.js',
          source: await selfContainedScript(root, 'src/pageStart.ts', { target: 'es2022' }),
        });
        const story = Object.values(bundle).find((item) => item.type === 'asset' && item.names.includes(STORY_FILE));
        if (!story) throw new Error(`index.html: the build has no ${STORY_FILE} for the page to hydrate from`);
        page.source = startAfterPaint(page.source, `./${this.getFileName(starter)}`, [`./${story.fileName}`]);
        page.source = page.source.replace(
          /<link rel="stylesheet"[^>]*href="\.\/(assets\/[^"]+\.css)"[^>]*>/g,
          (link, file: string) => {
            const sheet = bundle[file];
            if (sheet?.type !== 'asset') return link;
            const css = typeof sheet.source === 'string' ? sheet.source : new TextDecoder().decode(sheet.source);
            // `</style` cannot occur in our CSS; refuse rather than break the page if it ever does.
            if (/<\/style/i.test(css)) throw new Error(`${file}: holds "</style", cannot be inlined`);
            return `<style>${css}</style>`;
          },
        );
      },
    },
  };
}
