// The compile hint opens every script of a build, once, and the source maps follow their scripts a line down.
import { describe, expect, it } from 'vitest';
import type { Rollup } from 'vite';
import { COMPILE_HINT, hintBundle } from '../../src/build/compileHints.ts';

const chunk = (fileName: string, code: string, mappings?: string): Rollup.OutputChunk =>
  ({
    type: 'chunk',
    fileName,
    code,
    map: mappings === undefined ? null : { mappings },
  }) as unknown as Rollup.OutputChunk;

const asset = (fileName: string, source: string | Uint8Array): Rollup.OutputAsset =>
  ({ type: 'asset', fileName, source }) as unknown as Rollup.OutputAsset;

const sourceOf = (item: Rollup.OutputChunk | Rollup.OutputAsset | undefined): string => {
  if (!item) throw new Error('missing from the bundle');
  if (item.type === 'chunk') return item.code;
  return typeof item.source === 'string' ? item.source : new TextDecoder().decode(item.source);
};

describe('hintBundle', () => {
  it('puts the hint on the first line of chunks and emitted scripts, and leaves other files alone', () => {
    const bundle: Rollup.OutputBundle = {
      'assets/App.js': chunk('assets/App.js', 'const a=1;\nexport{a};'),
      'assets/worker.js': asset('assets/worker.js', new TextEncoder().encode('self.onmessage=()=>{};')),
      'embed.js': asset('embed.js', '(()=>{})();'),
      'assets/land.geojson': asset('assets/land.geojson', '{"type":"FeatureCollection","features":[]}'),
      'index.html': asset('index.html', '<!doctype html>'),
    };
    hintBundle(bundle);
    expect(sourceOf(bundle['assets/App.js'])).toBe(`${COMPILE_HINT}const a=1;\nexport{a};`);
    expect(sourceOf(bundle['assets/worker.js'])).toBe(`${COMPILE_HINT}self.onmessage=()=>{};`);
    expect(sourceOf(bundle['embed.js'])).toBe(`${COMPILE_HINT}(()=>{})();`);
    expect(sourceOf(bundle['assets/land.geojson'])).toBe('{"type":"FeatureCollection","features":[]}');
    expect(sourceOf(bundle['index.html'])).toBe('<!doctype html>');
    expect(COMPILE_HINT).toBe('//# allFunctionsCalledOnLoad\n');
  });

  it('moves each source map a line down with its script, once', () => {
    const bundle: Rollup.OutputBundle = {
      'assets/App.js': chunk('assets/App.js', 'x();', 'AAAA'),
      'assets/App.js.map': asset('assets/App.js.map', JSON.stringify({ version: 3, mappings: 'AAAA', names: [] })),
      'assets/worker.js': asset('assets/worker.js', 'y();'),
      'assets/worker.js.map': asset('assets/worker.js.map', JSON.stringify({ version: 3, mappings: ';AAAA' })),
    };
    hintBundle(bundle);
    hintBundle(bundle);
    const app = bundle['assets/App.js'] as Rollup.OutputChunk;
    expect(app.code).toBe(`${COMPILE_HINT}x();`);
    expect(app.map?.mappings).toBe(';AAAA');
    expect(JSON.parse(sourceOf(bundle['assets/App.js.map']))).toEqual({ version: 3, mappings: ';AAAA', names: [] });
    expect(sourceOf(bundle['assets/worker.js'])).toBe(`${COMPILE_HINT}y();`);
    expect(JSON.parse(sourceOf(bundle['assets/worker.js.map']))).toEqual({ version: 3, mappings: ';;AAAA' });
  });
});
