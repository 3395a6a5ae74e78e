// The script embed's code (scripts/embed-code.mjs) is written once: the README and the embed demo show exactly it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { foldSpace, scriptEmbedCode } from '../../scripts/embed-code.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');

describe('scriptEmbedCode', () => {
  it('imports embed.js from the given folder, once the page has painted, into an element that reserves a screen', () => {
    const code = scriptEmbedCode('https://graphics.example.com/2025/kursk/');
    expect(code).toContain(`import('https://graphics.example.com/2025/kursk/embed.js')`);
    expect(code).toContain(`getEntriesByName('first-contentful-paint')`);
    expect(code).toMatch(/^<div data-story-map style="min-height: 100vh"><\/div>\n<script type="module">/);
  });

  it('is what the README gives for https://cdn.example/kursk/', () => {
    expect(read('README.md')).toContain(scriptEmbedCode('https://cdn.example/kursk/'));
  });

  it('is what dist/embed-demo.html uses, relative to the page', () => {
    expect(foldSpace(read('public/embed-demo.html'))).toContain(foldSpace(scriptEmbedCode('./')));
  });

  it.each([
    ['https://cdn.example/kursk', 'must end with "/"'],
    ["https://cdn.example/it's/", 'quote'],
    ['https://cdn.example/a b/', 'space'],
    ['https://cdn.example/</script>/', 'angle bracket'],
  ])('refuses %s', (base, reason) => {
    expect(() => scriptEmbedCode(base)).toThrow(reason);
  });
});
