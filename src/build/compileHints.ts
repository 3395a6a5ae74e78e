// Vite plugin: every script of the build opens with V8's explicit compile hint, `//# allFunctionsCalledOnLoad`.
// Chromium then compiles all of a script's functions while it loads it (on a background thread as it streams in),
// instead of each function on the main thread at its first call. Those first calls were much of the page's
// hydration and of the map's start on a slow phone. Under x4 CPU the hydration task went from 62-66 ms to 13-17 ms
// (CPU profiles, three loads each), and from intent to map ready the long-task time from 1,266 to 999 ms (medians
// of six loads). The price: about 1.1 MB more heap at rest, most of it MapLibre's compiled code. Other engines read
// a comment.
import type { Plugin, Rollup } from 'vite';

/** The hint, as the first line of a script. */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

/** A source map with its mappings a line down. */
function mapsLineDown(json: string): string {
  const map = JSON.parse(json) as { mappings: string };
  return JSON.stringify({ ...map, mappings: `;${map.mappings}` });
}

const text = (source: string | Uint8Array): string =>
  typeof source === 'string' ? source : new TextDecoder().decode(source);

/**
 * Adds the hint to the scripts of a bundle: its chunks, whose source maps (a `.map` file beside, when the build
 * writes them) move a line down, and the scripts emitted as files (MapLibre's worker, the embed loaders).
 */
export function hintBundle(bundle: Rollup.OutputBundle): void {
  for (const item of Object.values(bundle)) {
    if (item.type === 'chunk') {
      if (item.code.startsWith(COMPILE_HINT)) continue;
      item.code = COMPILE_HINT + item.code;
      if (item.map) item.map.mappings = `;${item.map.mappings}`;
    } else {
      const source = text(item.source);
      if (!/\.m?js$/.test(item.fileName) || source.startsWith(COMPILE_HINT)) continue;
      item.source = COMPILE_HINT + source;
    }
    const mapFile = bundle[`${item.fileName}.map`];
    if (mapFile?.type === 'asset') mapFile.source = mapsLineDown(text(mapFile.source));
  }
}

export function compileHints(): Plugin {
  return {
    name: 'compile-hints',
    apply: 'build',
    // Last: after the plugins that write chunks' first lines (Vite's preload map) or emit scripts.
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        hintBundle(bundle);
      },
    },
  };
}
