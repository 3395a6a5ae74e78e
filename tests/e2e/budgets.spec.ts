// Size budgets of the production build, read from dist/ (bytes are deterministic, so they are asserted; timings are
// only reported, by `npm run bench`). Sizes are gzip level 9 (node:zlib); 1 kB = 1000 bytes, as Vite prints them.
//   - Critical-path JS ≤ 30 kB gzip, MapLibre excluded: the module scripts and modulepreloads that dist/index.html
//     references, directly or through its starter script (src/pageStart.ts, counted too, adds the modules in its
//     `data-modules` after first paint),
//     plus every chunk they import statically (followed recursively; dynamic import() is not followed).
//     A chunk whose file name contains "maplibre" is excluded; MapLibre bundled into another chunk counts.
//   - The script embed's loader (dist/embed.js) ≤ 1.5 kB gzip, with no static imports: a host page fetches it alone.
//   - Story data ≤ 150 kB gzip: every dist/assets/*.geojson plus any other data file in dist/ (.json, .topojson,
//     .csv, .tsv; source maps and manifests excluded).
// And every script in dist/ opens with V8's compile hint (src/build/compileHints.ts), which the build adds last.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { COMPILE_HINT } from '../../src/build/compileHints.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = path.join(REPO_ROOT, 'dist');

const KB = 1000;
const CRITICAL_JS_BUDGET = 30 * KB;
const STORY_DATA_BUDGET = 150 * KB;
/** What a host page fetches of ours before its own first paint: dist/embed.js alone. */
const EMBED_LOADER_BUDGET = 1.5 * KB;

/** Gzip size (level 9) of a file's bytes. */
function gzipSize(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

/** "12.3 kB". */
function kb(bytes: number): string {
  return `${(bytes / KB).toFixed(1)} kB`;
}

/** The value of an attribute in one HTML tag's source, or undefined. */
function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

/**
 * The JS files dist/index.html loads as module scripts or modulepreloads, or has its starter script load (absolute
 * paths). External or absolute URLs are an error: the build's asset URLs must be relative.
 */
function htmlEntryScripts(html: string): string[] {
  const urls: string[] = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attribute(tag, 'src');
    if (src !== undefined && attribute(tag, 'type')?.toLowerCase() === 'module') urls.push(src);
    const modules = attribute(tag, 'data-modules');
    if (modules !== undefined) {
      // The starter itself, and the modules it starts.
      if (src !== undefined && attribute(tag, 'type') === undefined) urls.push(src);
      urls.push(...(JSON.parse(modules.replace(/&#39;/g, "'").replace(/&amp;/g, '&')) as string[]));
    }
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attribute(tag, 'rel')?.toLowerCase().split(/\s+/) ?? [];
    const href = attribute(tag, 'href');
    if (href !== undefined && rel.includes('modulepreload')) urls.push(href);
  }
  return urls.map((url) => {
    if (/^([a-z]+:)?\/\//i.test(url) || url.startsWith('/'))
      throw new Error(`dist/index.html loads a non-relative script: ${url}`);
    return path.resolve(DIST, url.split(/[?#]/)[0] ?? url);
  });
}

/**
 * Relative specifiers of the static imports and re-exports in a built chunk: `import … from "./x.js"`,
 * `import "./x.js"`, `export … from "./x.js"`. `import("./x.js")` and `import.meta` do not match.
 */
function staticImports(source: string): string[] {
  const pattern =
    /(?<![\w$.])(?:import|export)\s*(?:(?:\{[^}]*\}|\*(?:\s*as\s+[\w$]+)?|[\w$]+(?:\s*,\s*(?:\{[^}]*\}|\*\s*as\s+[\w$]+))?)\s*from\s*)?(["'])(\.{1,2}\/[^"']+)\1/g;
  return [...source.matchAll(pattern)].map((match) => match[2] ?? '');
}

/** The entry chunks and everything they import statically, recursively (absolute paths). */
function criticalChunks(entries: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    if (!existsSync(file)) throw new Error(`critical-path chunk is missing: ${path.relative(REPO_ROOT, file)}`);
    seen.add(file);
    for (const specifier of staticImports(readFileSync(file, 'utf8')))
      queue.push(path.resolve(path.dirname(file), specifier));
  }
  return [...seen];
}

/** Every file under a folder (absolute paths). */
function walk(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const file = path.join(folder, name);
    return statSync(file).isDirectory() ? walk(file) : [file];
  });
}

/** Records a measured figure in the report and on the console. */
function report(type: string, description: string): void {
  test.info().annotations.push({ type, description });
  console.log(`${type}: ${description}`);
}

test.describe('size budgets of dist/', () => {
  test.beforeAll(() => {
    if (!existsSync(path.join(DIST, 'index.html')))
      throw new Error('dist/index.html is missing: run `npm run build` first');
  });

  test('the import scanner follows static imports only', () => {
    const source =
      'import{a as b}from"./one.js";import"./two.js";export{c}from"./three.js";export*from"./four.js";' +
      'import * as ns from "./five.js";const m=import("./lazy.js"),u=new URL(`x.geojson`,import.meta.url);';
    expect(staticImports(source)).toEqual(['./one.js', './two.js', './three.js', './four.js', './five.js']);
  });

  test(`critical-path JS is at most ${kb(CRITICAL_JS_BUDGET)} gzip, MapLibre excluded`, () => {
    const entries = htmlEntryScripts(readFileSync(path.join(DIST, 'index.html'), 'utf8'));
    expect(entries.length, 'module scripts in dist/index.html').toBeGreaterThan(0);
    const chunks = criticalChunks(entries).map((file) => ({
      name: path.relative(DIST, file),
      raw: statSync(file).size,
      gzip: gzipSize(file),
      maplibre: /maplibre/i.test(path.basename(file)),
    }));
    // The page's own inline scripts (the starter) count too.
    const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
    for (const [, attributes = '', code = ''] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi))
      if (
        attribute(`<script ${attributes}>`, 'src') === undefined &&
        !/type\s*=\s*["']?application\/json/i.test(attributes)
      )
        chunks.push({
          name: 'inline script',
          raw: code.length,
          gzip: gzipSync(code, { level: 9 }).length,
          maplibre: false,
        });
    const counted = chunks.filter((chunk) => !chunk.maplibre);
    const total = counted.reduce((sum, chunk) => sum + chunk.gzip, 0);
    const listing = chunks
      .map(
        (chunk) =>
          `${chunk.name} ${kb(chunk.gzip)} gzip (${kb(chunk.raw)} raw)${chunk.maplibre ? ' [MapLibre, excluded]' : ''}`,
      )
      .join(', ');
    report('critical-path JS', `${kb(total)} gzip (${total} bytes) of ${kb(CRITICAL_JS_BUDGET)}: ${listing}`);
    expect(total, `critical-path JS gzip bytes (${listing})`).toBeLessThanOrEqual(CRITICAL_JS_BUDGET);
  });

  test(`the script embed's loader is one file of at most ${kb(EMBED_LOADER_BUDGET)} gzip that imports nothing at load`, () => {
    const loader = path.join(DIST, 'embed.js');
    const source = readFileSync(loader, 'utf8');
    expect(staticImports(source), 'static imports of dist/embed.js').toEqual([]);
    // What it imports later: the build's embed-mount entry, which exports mountEmbed.
    const mount = /new URL\(["'`]\.\/(assets\/embed-mount-[\w-]+\.js)["'`]/.exec(source)?.[1];
    expect(mount, 'dist/embed.js names its assets/embed-mount-*.js').toBeDefined();
    expect(readFileSync(path.join(DIST, mount ?? ''), 'utf8')).toMatch(/export\s*\{[^}]*\bmountEmbed\b/);
    report('embed loader', `dist/embed.js ${kb(gzipSize(loader))} gzip, loads ${mount}`);
    expect(gzipSize(loader)).toBeLessThanOrEqual(EMBED_LOADER_BUDGET);
  });

  test('every script of the build opens with the compile hint', () => {
    const scripts = walk(DIST).filter((file) => /\.m?js$/.test(file));
    const names = scripts.map((file) => path.relative(DIST, file));
    for (const expected of ['embed.js', 'embed-frame.js'])
      expect(names, 'the loaders are among the scripts').toContain(expected);
    expect(names.some((name) => /maplibre/i.test(name))).toBe(true);
    expect(names.some((name) => /mapWorker/.test(name))).toBe(true);
    const unhinted = names.filter((_, index) => !readFileSync(scripts[index] ?? '', 'utf8').startsWith(COMPILE_HINT));
    expect(unhinted, 'scripts without the hint on their first line').toEqual([]);
  });

  test(`story data is at most ${kb(STORY_DATA_BUDGET)} gzip`, () => {
    const files = walk(DIST).filter((file) => {
      const name = path.basename(file).toLowerCase();
      // Source maps and manifests describe the build, not the story.
      if (name.endsWith('.map') || name === 'manifest.json' || path.relative(DIST, file).startsWith('.vite'))
        return false;
      return /\.((geo|topo)?json|csv|tsv)$/.test(name);
    });
    expect(
      files.some((file) => file.endsWith('.geojson')),
      'dist/assets/*.geojson present',
    ).toBe(true);
    const sizes = files.map((file) => ({
      name: path.relative(DIST, file),
      raw: statSync(file).size,
      gzip: gzipSize(file),
    }));
    sizes.sort((a, b) => b.gzip - a.gzip);
    const total = sizes.reduce((sum, file) => sum + file.gzip, 0);
    const raw = sizes.reduce((sum, file) => sum + file.raw, 0);
    const listing = sizes.map((file) => `${file.name} ${kb(file.gzip)}`).join(', ');
    report(
      'story data',
      `${kb(total)} gzip (${total} bytes; ${kb(raw)} raw) of ${kb(STORY_DATA_BUDGET)}, ${sizes.length} files: ${listing}`,
    );
    expect(total, `story data gzip bytes (${listing})`).toBeLessThanOrEqual(STORY_DATA_BUDGET);
  });
});
