// End-to-end test setup: the production build in dist/ served under a path prefix, tested in the system Chromium
// with WebGL in software (SwiftShader). `node scripts/ensure-chromium.mjs` installs or finds that Chromium first.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS as chromiumArgs, findChromium } from './scripts/chromium.mjs';

// E2E_PORT lets a second checkout run its tests beside this one.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const PREFIX = '/news/kursk/';
const BASE_URL = `http://127.0.0.1:${PORT}${PREFIX}`;

// The same Chromium, started the same way, as scripts/ensure-chromium.mjs and the benchmark.
const executablePath = findChromium() ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/',
  // Two cores and WebGL in software: more workers only make every map slower.
  workers: Number(process.env.E2E_WORKERS ?? 1),
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: 'list',
  use: {
    baseURL: BASE_URL,
    browserName: 'chromium',
    launchOptions: { executablePath, args: chromiumArgs },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
  projects: [
    {
      name: 'desktop',
      grepInvert: /@phone/,
      use: { viewport: { width: 1280, height: 800 } },
    },
    {
      name: 'phone',
      grep: /@phone/,
      use: {
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        deviceScaleFactor: 2,
      },
    },
  ],
  webServer: {
    command: `node scripts/serve.mjs --dir dist --prefix ${PREFIX} --port ${PORT}`,
    url: BASE_URL,
    // Port 4173 is also vite preview's default: never test a server we did not start, unless asked to.
    reuseExistingServer: process.env.E2E_REUSE_SERVER === '1',
    timeout: 30_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
