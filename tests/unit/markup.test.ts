// @vitest-environment jsdom
// Story text is a trust boundary: markup written into the data shows as text, never as HTML.
import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/svelte';
import PassageText from '../../src/components/article/PassageText.svelte';
import StepSection from '../../src/components/article/StepSection.svelte';
import { partsOfPassage } from '../../src/lib/story/mentions.ts';
import { createRawSnippet } from 'svelte';
import type { Place } from '../../src/lib/story/types.ts';

const HOSTILE = 'Troops left <img src=x onerror="window.hacked=1"> Sudzha <script>window.hacked=2</script> <b>now</b>.';

function createPlace(): Place {
  return {
    id: 'sudzha',
    name: 'Sudzha',
    aliases: [],
    kind: 'town',
    anchor: [35.27, 51.19],
    description: 'd',
    source: 's',
    licence: 'l',
    date: '2025',
    accuracy: 'exact',
  };
}

describe('markup in story data', () => {
  it('a passage with markup renders it as text, with place links still built from data', () => {
    const passage = { id: 'p1', role: 'paragraph' as const, text: HOSTILE };
    const { container } = render(PassageText, {
      props: {
        id: 'p1',
        role: 'paragraph',
        parts: partsOfPassage(passage, [createPlace()], []),
        highlighted: false,
        onplacelink: () => {},
      },
    });
    const element = container.querySelector('[data-passage="p1"]');
    expect(element?.textContent).toBe(HOSTILE);
    expect(container.querySelector('img, script, b')).toBeNull();
    expect(container.querySelector('[data-place-link="sudzha"]')?.textContent).toBe('Sudzha');
    const handlers = [...container.querySelectorAll('*')].flatMap((node) =>
      node.getAttributeNames().filter((name) => name.startsWith('on')),
    );
    expect(handlers, 'no event-handler attribute made from story text').toEqual([]);
  });

  it('a step note with markup renders it as text', () => {
    const step = {
      id: 's',
      passages: ['p1'],
      camera: { center: [0, 0] as [number, number], zoom: 1 },
      layers: [],
      emphasis: [],
      note: '<img src=x onerror="window.hacked=3">Note',
    };
    const children = createRawSnippet(() => ({ render: () => '<span></span>' }));
    const { container } = render(StepSection, { props: { step, active: false, children } });
    expect(container.querySelector('.step__note')?.textContent).toContain('<img src=x onerror="window.hacked=3">Note');
    expect(container.querySelector('.step__note img')).toBeNull();
  });
});
