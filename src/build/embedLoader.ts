// Vite plugin: the script embed's loader, dist/embed.js (a fixed name newsrooms link), built on its own so that it
// imports nothing statically: a host page fetches this one small file before its own first paint, and nothing else
// of ours until then. The explainer it loads later is the main build's `embed-mount` entry (src/lib/embed/mount.ts),
// whose hashed file name is written into the loader as `__EMBED_MOUNT__`. The dev server builds the loader on
// request, pointing it at the source module.
import type { Plugin } from 'vite';
import { selfContainedScript, serveScript } from './classicScript.ts';

const FILE_NAME = 'embed.js';
const ENTRY = 'src/embed.ts';
/** The main build's entry the loader imports. */
export const EMBED_MOUNT_ENTRY = 'embed-mount';

/** The loader's code, importing the explainer from `mountUrl` (relative to the loader's own URL). */
function loaderCode(root: string, mountUrl: string): Promise<string> {
  return selfContainedScript(root, ENTRY, {
    format: 'es',
    define: { __EMBED_MOUNT__: JSON.stringify(mountUrl) },
  });
}

export function embedLoader(): Plugin {
  let root = process.cwd();
  return {
    name: 'embed-loader',
    configResolved(config) {
      root = config.root;
    },
    async generateBundle(_options, bundle) {
      const mount = Object.values(bundle).find(
        (item) => item.type === 'chunk' && item.isEntry && item.name === EMBED_MOUNT_ENTRY,
      );
      if (!mount) throw new Error(`${ENTRY}: the build has no "${EMBED_MOUNT_ENTRY}" entry for the loader to load`);
      this.emitFile({ type: 'asset', fileName: FILE_NAME, source: await loaderCode(root, `./${mount.fileName}`) });
    },
    configureServer(server) {
      serveScript(server, FILE_NAME, () => loaderCode(root, '/src/lib/embed/mount.ts'));
    },
  };
}
