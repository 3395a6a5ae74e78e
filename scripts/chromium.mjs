// Where the system Chromium is and how we start it, shared by the end-to-end tests, the benchmark and
// ensure-chromium.mjs, so they all run the same browser the same way.
import { accessSync, constants } from 'node:fs';

/** Looked at in order: $CHROMIUM_PATH, then Debian's paths. */
export const CHROMIUM_CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  /** @returns {candidate is string} */ (candidate) => typeof candidate === 'string' && candidate !== '',
);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Chromium's flags: WebGL in software (never --disable-software-rasterizer), and no traffic of its own. */
export const CHROMIUM_ARGS = [
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // Chromium refuses to start its sandbox as root (containers, CI).
  ...(isRoot ? ['--no-sandbox'] : []),
];

/**
 * The first executable Chromium candidate, or undefined.
 * @returns {string | undefined}
 */
export function findChromium() {
  return CHROMIUM_CANDIDATES.find(isExecutable);
}

/**
 * True when `file` exists and may be executed.
 * @param {string} file
 */
export function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
