// Builds another story folder into its own output folder and serves it, for end-to-end tests of stories other than
// the one in dist/ (a story with hostile copy, a story made by the kit). Each build is its own Vite run.
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { startServer } from '../../scripts/serve.mjs';
import { REPO_ROOT } from './fixtures.ts';

const run = promisify(execFile);

/** A built story served on loopback; `close` stops the server. */
export interface ServedStory {
  url: string;
  outDir: string;
  close(): Promise<void>;
}

/**
 * Builds the story in `storyFolder` (relative to the repository) into `.tmp/<name>-dist` and serves it under
 * `/<name>/` on `port`. Throws with Vite's output when the build fails.
 */
export async function buildAndServe(storyFolder: string, name: string, port: number): Promise<ServedStory> {
  const outDir = path.join(REPO_ROOT, '.tmp', `${name}-dist`);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(path.dirname(outDir), { recursive: true });
  try {
    await run(
      process.execPath,
      [
        path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '--outDir',
        outDir,
        '--emptyOutDir',
        '--logLevel',
        'error',
      ],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, STORY: storyFolder },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`building ${storyFolder} failed:\n${stdout}\n${stderr}`, { cause: error });
  }
  const server = await startServer({ dir: outDir, prefix: `/${name}/`, port });
  return { url: server.url, outDir, close: server.close };
}
