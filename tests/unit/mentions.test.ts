// Linking places to the article: mentions by name and alias, verbatim parts, excerpts for the place card.
import { describe, expect, it } from 'vitest';
import {
  excerptsFor,
  findMentions,
  partsOfPassage,
  passagesByPlace,
  sentencesOf,
} from '../../src/lib/story/mentions.ts';
import { validateStory } from '../../src/lib/story/validate.ts';
import type { Place, Step } from '../../src/lib/story/types.ts';
import { createStoryFiles } from './storyFixtures.ts';

function createPlace(id: string, name: string, aliases: string[] = []): Place {
  return {
    id,
    name,
    aliases,
    kind: 'town',
    anchor: [0, 0],
    description: 'd',
    source: 's',
    licence: 'l',
    date: '2025',
    accuracy: 'exact',
  };
}

describe('findMentions', () => {
  it('finds names and aliases as whole words, preferring the longer term', () => {
    const places = [createPlace('sumy', 'Sumy region', ['Sumy'])];
    const text = 'Residents of the Sumy region fear Russia might enter Sumy, not Sumyland.';
    expect(findMentions(text, places).map((m) => text.slice(m.start, m.end))).toEqual(['Sumy region', 'Sumy']);
  });

  it('is case-sensitive', () => {
    expect(findMentions('the kremlin', [createPlace('moscow', 'Moscow', ['Kremlin'])])).toEqual([]);
  });
});

describe('partsOfPassage', () => {
  it('gives the passage back verbatim, with links and the quote marked', () => {
    const places = [createPlace('sudzha', 'Sudzha')];
    const passage = { id: 'p1', role: 'paragraph' as const, text: 'First. Troops left Sudzha early. Then more.' };
    const step: Step = {
      id: 's',
      passages: ['p1'],
      quote: 'Troops left Sudzha early.',
      camera: { center: [0, 0], zoom: 1 },
      layers: [],
      emphasis: [],
    };
    const parts = partsOfPassage(passage, places, [step]);
    expect(parts.map((part) => part.text).join('')).toBe(passage.text);
    expect(parts).toEqual([
      { text: 'First. ' },
      { text: 'Troops left ', quoteOf: 's' },
      { text: 'Sudzha', placeId: 'sudzha', quoteOf: 's' },
      { text: ' early.', quoteOf: 's' },
      { text: ' Then more.' },
    ]);
  });

  it('keeps every passage of the real story verbatim', () => {
    const story = validateStory(createStoryFiles());
    for (const passage of story.passages) {
      expect(
        partsOfPassage(passage, story.places, story.steps)
          .map((part) => part.text)
          .join(''),
      ).toBe(passage.text);
    }
  });
});

describe('the real story', () => {
  it('links each required place to the passages that name it', () => {
    const story = validateStory(createStoryFiles());
    const index = passagesByPlace(story.passages, story.places);
    expect(index.get('sudzha')).toEqual(['p1', 'p3']);
    expect(index.get('sumy')).toEqual(['p1', 'p7']);
    expect(index.get('jeddah')).toEqual(['p3', 'p5']);
    expect(index.get('moscow')).toEqual(['dek', 'p4', 'p5']);
    expect(index.get('avdiivka')).toEqual(['p6']);
    expect(index.get('bakhmut')).toEqual(['p6']);
    expect(index.get('donetsk')).toEqual(['p8']);
    expect(index.get('fortifications')).toEqual(['p7']);
    expect(index.get('kursk')).toEqual(['headline', 'p1', 'p2', 'p3', 'p4', 'p6']);
  });

  it('gives the place card one sentence per passage', () => {
    const story = validateStory(createStoryFiles());
    const jeddah = story.places.find((place) => place.id === 'jeddah') as Place;
    const excerpts = excerptsFor(jeddah, story.passages, story.places);
    expect(excerpts.map((excerpt) => excerpt.passageId)).toEqual(['p3', 'p5']);
    expect(excerpts[1]?.sentence).toMatch(/^"We assume that, as stated yesterday in Jeddah,/);
  });
});

describe('sentencesOf', () => {
  it('splits on sentence ends, including after a closing quote', () => {
    expect(sentencesOf('He said: "No." Then he left. "Why?" she asked.')).toEqual([
      'He said: "No."',
      'Then he left.',
      '"Why?" she asked.',
    ]);
  });
});
