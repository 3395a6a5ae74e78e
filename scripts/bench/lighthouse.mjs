// Lighthouse (performance only, mobile by default) on several pages, several runs each, in the system Chromium; medians
// per page, and for the median run of each page its bootup-time and long-tasks rows. Throttling is Lighthouse's
// default, simulated (a model of the load replayed on a slow network and CPU), or applied (`devtools`: the page really
// loads on a throttled network and CPU, and the figures are what the browser measured).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * @typedef {{ score: number | null, fcp: number | null, lcp: number | null, tbt: number | null, cls: number | null,
 *   tti: number | null, bootup: Array<{ url: string, total: number, scripting: number }>,
 *   longTasks: Array<{ url: string, start: number, duration: number }> }} LighthouseRun
 */

/** @param {number[]} values */
function median(values) {
  const sorted = values.filter((value) => typeof value === 'number').sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** A URL as a short name: its file, or the page itself. @param {string} url */
function shortUrl(url) {
  try {
    const { pathname } = new URL(url);
    return pathname.split('/').filter(Boolean).pop() ?? url;
  } catch {
    return url;
  }
}

/**
 * Lighthouse's default model of a slow load (`simulate`), or the load itself on a throttled network and CPU.
 * @typedef {'simulate' | 'devtools'} Throttling
 */

/**
 * One Lighthouse run of one URL. Asynchronous: the pages' servers run in this process and must go on answering.
 * @param {{ repoRoot: string, chromiumPath: string, chromiumArgs: string[], desktop: boolean, throttling: Throttling,
 *   output: string }} options
 * @param {string} url
 * @returns {Promise<void>} once the report is written to `output`
 */
function runOnce({ repoRoot, chromiumPath, chromiumArgs, desktop, throttling, output }, url) {
  const bin = path.join(repoRoot, 'node_modules/.bin/lighthouse');
  if (!existsSync(bin)) return Promise.reject(new Error('lighthouse is not installed: run `npm ci`'));
  const child = spawn(
    bin,
    [
      url,
      '--only-categories=performance',
      '--output=json',
      `--output-path=${output}`,
      '--quiet',
      `--throttling-method=${throttling}`,
      `--chrome-flags=--headless=new ${chromiumArgs.join(' ')}`,
      ...(desktop ? ['--preset=desktop'] : []),
    ],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CHROME_PATH: chromiumPath } },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + String(chunk)).slice(-2000)));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`lighthouse failed on ${url} (exit ${code}): ${stderr.slice(-500)}`)),
    );
  });
}

/**
 * Reads the figures of one Lighthouse JSON report.
 * @param {string} file
 * @returns {Promise<LighthouseRun>}
 */
async function readReport(file) {
  const report = JSON.parse(await readFile(file, 'utf8'));
  const audit = (/** @type {string} */ id) => report.audits?.[id]?.numericValue ?? null;
  const items = (/** @type {string} */ id) => report.audits?.[id]?.details?.items ?? [];
  return {
    score: report.categories?.performance?.score ?? null,
    fcp: audit('first-contentful-paint'),
    lcp: audit('largest-contentful-paint'),
    tbt: audit('total-blocking-time'),
    cls: audit('cumulative-layout-shift'),
    tti: audit('interactive'),
    bootup: items('bootup-time').map((/** @type {any} */ item) => ({
      url: shortUrl(item.url),
      total: Math.round(item.total),
      scripting: Math.round(item.scripting),
    })),
    longTasks: items('long-tasks').map((/** @type {any} */ item) => ({
      url: shortUrl(item.url),
      start: Math.round(item.startTime),
      duration: Math.round(item.duration),
    })),
  };
}

/**
 * Runs Lighthouse `runs` times on every page, interleaved (run 1 of every page, then run 2 …) so a slow patch of
 * the machine hits them all alike.
 * @param {Array<{ name: string, url: string }>} pages
 * @param {{ repoRoot: string, resultsDir: string, chromiumPath: string, chromiumArgs: string[], desktop: boolean,
 *   throttling: Throttling, runs: number }} options
 */
export async function lighthousePages(pages, options) {
  /** @type {Record<string, LighthouseRun[]>} */
  const runs = Object.fromEntries(pages.map((page) => [page.name, []]));
  for (let run = 1; run <= options.runs; run++) {
    for (const page of pages) {
      const applied = options.throttling === 'devtools' ? '-applied' : '';
      process.stdout.write(
        `bench: Lighthouse${applied && ' (applied throttling)'} run ${run}/${options.runs}: ${page.name}… `,
      );
      const output = path.join(options.resultsDir, `lighthouse-${page.name}${applied}-${run}.json`);
      await runOnce({ ...options, output }, page.url);
      const figures = await readReport(output);
      runs[page.name]?.push(figures);
      console.log(`score ${figures.score}, TBT ${Math.round(figures.tbt ?? 0)} ms`);
    }
  }
  return Object.fromEntries(
    pages.map(({ name, url }) => {
      const pageRuns = runs[name] ?? [];
      const medians = {
        score: median(pageRuns.map((run) => run.score ?? NaN)),
        fcp: median(pageRuns.map((run) => run.fcp ?? NaN)),
        lcp: median(pageRuns.map((run) => run.lcp ?? NaN)),
        tbt: median(pageRuns.map((run) => run.tbt ?? NaN)),
        cls: median(pageRuns.map((run) => run.cls ?? NaN)),
        tti: median(pageRuns.map((run) => run.tti ?? NaN)),
      };
      // The run whose TBT is the median's (nearest), for its bootup and long-task rows.
      const typical = [...pageRuns].sort(
        (a, b) => Math.abs((a.tbt ?? 0) - (medians.tbt ?? 0)) - Math.abs((b.tbt ?? 0) - (medians.tbt ?? 0)),
      )[0];
      return [name, { url, medians, typical, runs: pageRuns }];
    }),
  );
}
