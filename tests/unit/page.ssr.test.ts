// Copy survives whatever it holds: random Unicode text (with `$` replacement patterns, `</script`, `<!--`, U+2028,
// quotes and astral emoji) appended to every passage goes through the prerender's page assembly and comes out
// verbatim as the served HTML's passages; the page carries no other copy of it (it hydrates from the story file).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { APP_MARKER, assemblePage } from '../../src/build/prerender/page.ts';
import { renderExplainer } from '../../src/build/prerender/render.ts';
import { validateStory } from '../../src/lib/story/validate.ts';
import type { Story } from '../../src/lib/story/types.ts';
import { createStoryFiles, listOf } from './storyFixtures.ts';
import { copyArbitrary, foldWhitespace as fold } from '../support/hostileCopy.ts';

const TEMPLATE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body><main id="app">${APP_MARKER}</main><script type="module" src="/main.js"></script></body></html>`;

function storyWith(suffixes: string[]): Story {
  const files = createStoryFiles();
  listOf(files, 'article.json').forEach((passage, index) => {
    passage.text = `${String(passage.text)} ${suffixes[index % suffixes.length]}`;
  });
  return validateStory(files);
}

describe('the served page holds the story verbatim', () => {
  it('places random copy in every passage, unchanged, and nowhere else (60 stories)', () => {
    fc.assert(
      fc.property(fc.array(copyArbitrary, { minLength: 1, maxLength: 10 }), (suffixes) => {
        const story = storyWith(suffixes);
        const html = assemblePage(TEMPLATE, renderExplainer(story, { dataUrls: {} }));
        const { document } = new JSDOM(html).window;
        for (const passage of story.passages) {
          const element = document.querySelector(`[data-passage="${passage.id}"]`);
          expect(fold(element?.textContent ?? ''), passage.id).toBe(fold(passage.text));
        }
        const scripts = [...document.querySelectorAll('script')];
        expect(
          scripts.map((script) => script.getAttribute('src')),
          'the template script, nothing more',
        ).toEqual(['/main.js']);
        expect(html.endsWith('</body></html>')).toBe(true);
      }),
      { numRuns: 60, seed: 20250312 },
    );
  }, 60_000);

  it('refuses text a page cannot show as written, naming file and field', () => {
    for (const [bad, name] of [
      ['a\u0000b', 'NUL'],
      ['a\ud800b', 'lone surrogate'],
    ] as const) {
      const files = createStoryFiles();
      const passage = listOf(files, 'article.json')[2];
      if (passage) passage.text = bad;
      expect(() => validateStory(files)).toThrow(new RegExp(`article.json: passages\\[2\\]\\.text: holds a ${name}`));
    }
  });

  it('fails loudly on a template without its marker', () => {
    expect(() => assemblePage('<html><head></head><body></body></html>', { body: '', head: '' })).toThrow(
      /app marker|<!--app-html-->/,
    );
  });
});
