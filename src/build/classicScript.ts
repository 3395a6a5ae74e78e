// Vite plugin: builds one TypeScript entry into a classic (non-module) script of a fixed name beside the page, such
// as the iframe host loader dist/embed-frame.js, which newsrooms include with a plain <script src>. It is built from
// the same modules as the app, so a protocol is written once. The dev server builds it on request.
import { resolve } from 'node:path';
import { build, type Plugin, type Rollup, type ViteDevServer } from 'vite';

/** How one entry is built by selfContainedScript. */
export interface ScriptOptions {
  /** The oldest JavaScript it must run in (a host page's loader: es2019, the default). */
  target?: string;
  /** `iife` (default): a classic script; `es`: a module script that imports nothing statically. */
  format?: 'iife' | 'es';
  /** Constants replaced in its code (Vite's `define`). */
  define?: Record<string, string>;
}

/**
 * One TypeScript entry built into the code of a single self-contained script: everything it imports statically is
 * inside it, so it costs its page one request.
 */
export async function selfContainedScript(
  root: string,
  entry: string,
  { target = 'es2019', format = 'iife', define }: ScriptOptions = {},
): Promise<string> {
  const output = (await build({
    configFile: false,
    root,
    logLevel: 'silent',
    define: define ?? {},
    build: {
      write: false,
      target,
      minify: true,
      lib: { entry: resolve(root, entry), formats: [format], name: 'storyMapLoader', fileName: () => 'script.js' },
    },
  })) as Rollup.RollupOutput[];
  const chunk = output[0]?.output.find((item): item is Rollup.OutputChunk => item.type === 'chunk');
  if (!chunk) throw new Error(`${entry}: the build made no script`);
  return chunk.code;
}

/**
 * @param entry the script's TypeScript entry, relative to the project root (e.g. "src/embedFrame.ts")
 * @param fileName the script's name in the build output (e.g. "embed-frame.js")
 */
export function classicScript(entry: string, fileName: string): Plugin {
  let root = process.cwd();
  return {
    name: `classic-script:${fileName}`,
    configResolved(config) {
      root = config.root;
    },
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName, source: await selfContainedScript(root, entry) });
    },
    configureServer(server) {
      serveScript(server, fileName, () => selfContainedScript(root, entry));
    },
  };
}

/** The dev server answers `/fileName` with the script `code()` builds at that request. */
export function serveScript(server: ViteDevServer, fileName: string, code: () => Promise<string>): void {
  server.middlewares.use(`/${fileName}`, (_request, response, next) => {
    code()
      .then((script) => {
        response.setHeader('Content-Type', 'text/javascript; charset=utf-8');
        response.end(script);
      })
      .catch(next);
  });
}
