// Makes sure a Chromium for the end-to-end tests is installed and says which one.
// Looks at $CHROMIUM_PATH, then /usr/bin/chromium, then /usr/bin/chromium-browser. When none exists and we are
// root on a Debian-like system, installs the distribution's `chromium` with apt-get; otherwise explains how to.
// Usage: node scripts/ensure-chromium.mjs   (exit 0 = found or installed, 1 = missing)

import { spawnSync } from 'node:child_process';
import { CHROMIUM_CANDIDATES as CANDIDATES, findChromium, isExecutable } from './chromium.mjs';

/** @param {string} command */
function commandExists(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Runs a command with inherited stdio; exits the script when it fails.
 * @param {string} command
 * @param {string[]} args
 */
function run(command, args) {
  console.log(`ensure-chromium: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0) {
    console.error(`ensure-chromium: "${command} ${args.join(' ')}" failed (exit ${result.status ?? result.signal}).`);
    process.exit(1);
  }
}

function explainAndExit() {
  console.error(
    [
      'ensure-chromium: no Chromium found (looked at: ' + CANDIDATES.join(', ') + ').',
      'The end-to-end tests need a Chromium. Either install it:',
      '    sudo apt-get update && sudo apt-get install -y chromium',
      'or point CHROMIUM_PATH at an existing Chromium/Chrome binary:',
      '    CHROMIUM_PATH=/path/to/chromium npm run test:e2e',
    ].join('\n'),
  );
  process.exit(1);
}

if (process.env.CHROMIUM_PATH && !isExecutable(process.env.CHROMIUM_PATH)) {
  console.warn(`ensure-chromium: warning: CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not executable; ignoring it.`);
}

let chromium = findChromium();
if (!chromium) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && commandExists('apt-get')) {
    console.log('ensure-chromium: Chromium missing; installing it with apt-get.');
    run('apt-get', ['update']);
    run('apt-get', ['install', '-y', 'chromium']);
    chromium = findChromium();
  }
  if (!chromium) explainAndExit();
}

// Debian's wrapper script prints shell noise on stderr; only stdout carries the version.
const version = spawnSync(/** @type {string} */ (chromium), ['--version'], { encoding: 'utf8' });
if (version.status !== 0) {
  console.error(`ensure-chromium: ${chromium} --version failed:\n${version.stderr}`);
  process.exit(1);
}
console.log(`ensure-chromium: ${chromium}: ${version.stdout.trim()}`);
