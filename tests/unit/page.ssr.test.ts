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
import { createStoryFiles, listOf, loadRealStory } from './storyFixtures.ts';
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

  it("puts the map's panels, rendered on their own, in their element in the map box, with IDs of their own", () => {
    // The whole story, as the build loads it: its dated layers have their snapshots, so it opens with a date control.
    const { story } = loadRealStory();
    const { document } = new JSDOM(assemblePage(TEMPLATE, renderExplainer(story, { dataUrls: {} }))).window;
    const panels = document.querySelector('[data-map] .map-panels');
    for (const part of ['.motion-toggle', '[data-legend]', '[data-date-control]'])
      expect(panels?.querySelector(part), part).not.toBeNull();
    // The island hydrates from its own first marker.
    expect(panels?.firstChild?.nodeType).toBe(document.COMMENT_NODE);
    // The date control's label names its input, and no element ID is used twice in the page.
    const input = panels?.querySelector('[data-date-control]');
    expect(document.querySelector(`label[for="${input?.id ?? ''}"]`)).not.toBeNull();
    const ids = [...document.querySelectorAll('[id]')].map((element) => element.id);
    expect(ids.length).toBeGreaterThan(2);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('puts the list of places and the credits, rendered on their own, in their element after the story', () => {
    const { story } = loadRealStory();
    const { document } = new JSDOM(assemblePage(TEMPLATE, renderExplainer(story, { dataUrls: {} }))).window;
    const after = document.querySelector('.explainer > .after-story');
    const buttons = [...(after?.querySelectorAll('.place-list [data-place]') ?? [])];
    expect(buttons.map((button) => button.getAttribute('data-place'))).toEqual(story.places.map((place) => place.id));
    expect(buttons.every((button) => button.getAttribute('aria-pressed') === 'false')).toBe(true);
    expect(after?.querySelector('.credits__list')?.children.length).toBe(story.meta.credits.length);
    // The island hydrates from its own first marker, and the page has the list once.
    expect(after?.firstChild?.nodeType).toBe(document.COMMENT_NODE);
    expect(document.querySelectorAll('.place-list')).toHaveLength(1);
  });

  it('fails loudly on a template without its marker', () => {
    expect(() => assemblePage('<html><head></head><body></body></html>', { body: '', head: '' })).toThrow(
      /app marker|<!--app-html-->/,
    );
  });
});
