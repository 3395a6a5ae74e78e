// Vite plugin (build only): prerenders the explainer into index.html. A throwaway Vite server in SSR mode loads
// src/prerender.ts with the same Svelte and story plugins, and its HTML replaces the `<!--app-html-->` marker.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { createServer, type Plugin } from 'vite';
import { storyPlugin } from '../story/storyPlugin.ts';

const MARKER = '<!--app-html-->';

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
        try {
          const { renderPage } = (await server.ssrLoadModule('/src/prerender.ts')) as { renderPage(): { body: string; head: string; storyJson: string } };
          const { body, head, storyJson } = renderPage();
          const data = `<script type="application/json" data-story>${storyJson}</script>`;
          return html.replace(MARKER, body).replace('</head>', `${head}</head>`).replace('</body>', `${data}</body>`);
        } finally {
          await server.close();
        }
      },
    },
  };
}
