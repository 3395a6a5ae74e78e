// The story kit on two articles of its own (not about Kursk): the places it finds and where, the ambiguous names
// resolved from context, the words it drops, the report, a folder that validates, the same bytes every time, and
// bad input (non-UTF-8, empty, headline alone, an existing folder, a 200-paragraph article). The gazetteer loads
// once for this file (a module-level cache), which is why every heavy test has a long timeout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { newStory, type NewStoryResult } from '../../../src/build/kit/newStory.ts';
import { loadGazetteer, transliterationKey } from '../../../src/build/kit/gazetteer.ts';
import { distanceKm } from '../../../src/build/kit/places.ts';
import { ArticleError } from '../../../src/build/kit/article.ts';
import { KitError } from '../../../src/build/kit/writeFolder.ts';
import { loadStoryFolder } from '../../../src/build/loadFolder.ts';
import type { LngLat } from '../../../src/lib/story/types.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const WORK = join(ROOT, '.tmp', `unit-kit-${process.pid}`);
const ARTICLES = join(ROOT, 'tests/fixtures/articles');
const HEAVY = 180_000;

/** Where the places are, from the gazetteer's own GeoNames records (checked against an atlas by hand). */
const BLACK_SEA: Record<string, LngLat> = {
  odessa: [30.7326, 46.4775],
  mykolayiv: [31.9974, 46.9659],
  kherson: [32.6178, 46.6558],
  kiev: [30.5238, 50.4547],
  zaporozhye: [35.1903, 47.8229],
  izmail: [28.8375, 45.3506],
  constanta: [28.6343, 44.1807],
};
const LEBANON: Record<string, LngLat> = {
  tripoli: [35.8441, 34.4335],
  beirut: [35.5016, 33.8933],
  tyre: [35.1939, 33.2733],
  homs: [36.7234, 34.7268],
  damascus: [36.2913, 33.5102],
  jounieh: [35.6178, 33.9808],
  mersin: [34.6389, 36.812],
};

let blackSea: NewStoryResult;
let lebanon: NewStoryResult;

beforeAll(() => {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  blackSea = newStory(join(ARTICLES, 'black-sea-grain.txt'), join(WORK, 'black-sea'));
  lebanon = newStory(join(ARTICLES, 'lebanon-north.aml'), join(WORK, 'lebanon'));
}, HEAVY);

afterAll(() => rmSync(WORK, { recursive: true, force: true }));

function placesOf(result: NewStoryResult): Map<string, LngLat> {
  return new Map(result.draft.places.map((place) => [place.id, place.anchor]));
}

describe('the transliteration matcher', () => {
  it('gives the romanisations of one name one key, and different names different keys', () => {
    expect(transliterationKey('Kiev')).toBe(transliterationKey('Kyiv'));
    expect(transliterationKey('Kharkov')).toBe(transliterationKey('Kharkiv'));
    expect(transliterationKey('Zaporozhye')).toBe(transliterationKey('Zaporizhzhia'));
    expect(transliterationKey("Zaporozh'ye")).toBe(transliterationKey('Zaporizhia'));
    expect(transliterationKey('Odesa')).toBe(transliterationKey('Odessa'));
    expect(transliterationKey('Mykolaiv')).toBe(transliterationKey('Mykolayiv'));
    expect(transliterationKey('Lugansk')).toBe(transliterationKey('Luhansk'));
    expect(transliterationKey('Peskov')).not.toBe(transliterationKey('Pskov'));
  });
});

describe('a plain-text article on the Black Sea', () => {
  it("finds the places in the article's spelling, each within 25 km of where it is", () => {
    const found = placesOf(blackSea);
    for (const [id, position] of Object.entries(BLACK_SEA)) {
      const anchor = found.get(id);
      expect(anchor, `place ${id}`).toBeDefined();
      expect(distanceKm(anchor as LngLat, position), `${id} position`).toBeLessThan(25);
    }
    const names = blackSea.draft.places.map((place) => place.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'Odessa',
        'Mykolayiv',
        'Kiev',
        'Zaporozhye',
        'Kherson',
        'Constanta',
        'Ukraine',
        'Romania',
      ]),
    );
  });

  it('resolves Odessa to Ukraine, not Texas, and says why', () => {
    const odessa = blackSea.draft.finding.places.find((place) => place.id === 'odessa');
    expect(odessa?.ambiguous).toBe(true);
    expect(odessa?.chosen.candidate.kind === 'city' && odessa.chosen.candidate.city.country).toBe('UA');
    expect(odessa?.weighed.some((item) => item.candidate.kind === 'city' && item.candidate.city.admin === 'TX')).toBe(
      true,
    );
    expect(blackSea.report).toMatch(/"Odessa": chose Odessa, Ukraine \(UA\).*Ukraine named in the article/);
    expect(blackSea.report).toMatch(/over Odessa, United States of America \(US-TX\)/);
  });

  it('drops words that are not places here, with the reason', () => {
    const dropped = new Map(blackSea.draft.finding.dropped.map((word) => [word.text, word.reason]));
    expect(dropped.get('March')).toBe('a month or weekday');
    expect(dropped.get('Reading')).toMatch(/common word/);
    expect(dropped.get('Dnipro')).toMatch(/river/);
    expect(dropped.get('Grain')).toMatch(/starts a sentence/);
    for (const word of ['March', 'Reading', 'Wednesday', 'May', 'Dnipro'])
      expect(placesOf(blackSea).has(word.toLowerCase())).toBe(false);
  });

  it('lists what it could not find', () => {
    expect(blackSea.draft.finding.missing.map((missing) => missing.text)).toEqual(['Black Sea', 'Danube']);
  });
});

describe('an ArchieML article on northern Lebanon', () => {
  it('finds the places, each within 25 km of where it is', () => {
    const found = placesOf(lebanon);
    for (const [id, position] of Object.entries(LEBANON)) {
      expect(distanceKm(found.get(id) as LngLat, position), `${id} position`).toBeLessThan(25);
    }
  });

  it('resolves Tripoli to Lebanon although Tripoli in Libya is five times larger', () => {
    const tripoli = lebanon.draft.finding.places.find((place) => place.id === 'tripoli');
    expect(tripoli?.ambiguous).toBe(true);
    expect(tripoli?.chosen.candidate.kind === 'city' && tripoli.chosen.candidate.city.country).toBe('LB');
    const libya = tripoli?.weighed.find(
      (item) => item.candidate.kind === 'city' && item.candidate.city.country === 'LY',
    );
    expect(libya && libya.candidate.kind === 'city' && libya.candidate.city.population).toBeGreaterThan(1_000_000);
    expect(lebanon.report).toMatch(/"Tripoli": chose Tripoli, Lebanon \(LB\).*Lebanon named in the same paragraph/);
    expect(lebanon.report).toMatch(/over Tripoli, Libya \(LY\)/);
  });

  it('drops "Nice" at the start of a sentence and a month, and names what it could not find', () => {
    const dropped = lebanon.draft.finding.dropped.map((word) => word.text);
    expect(dropped).toEqual(expect.arrayContaining(['Nice', 'March', 'Shipping']));
    expect(lebanon.draft.finding.missing.map((missing) => missing.text)).toEqual(['Nabatieh', 'Byblos']);
  });
});

describe('the written folder', () => {
  it('validates, links every passage to one step in order, and stays small', () => {
    for (const [result, folder] of [
      [blackSea, 'black-sea'],
      [lebanon, 'lebanon'],
    ] as const) {
      const { story } = loadStoryFolder(join(WORK, folder));
      expect(story.steps.flatMap((step) => step.passages)).toEqual(story.passages.map((passage) => passage.id));
      expect(story.steps[0]?.passages).toEqual(['headline', 'dek']);
      const gzip = readdirSync(join(WORK, folder, 'geo')).reduce(
        (sum, file) => sum + gzipSync(readFileSync(join(WORK, folder, 'geo', file))).length,
        0,
      );
      expect(gzip).toBeLessThan(150_000);
      expect(result.draft.files.get('story.json')).not.toMatch(/Kursk|Sudzha|DeepState/);
    }
  });

  it('joins a paragraph that names no place to the step before it', () => {
    const steps = lebanon.draft.steps;
    // p3 ("Nice words from donors…") names only Tripoli; every step but the overview starts at a naming paragraph.
    for (const step of steps.slice(1)) expect(step.emphasis.length).toBeGreaterThan(0);
  });

  it('prints every section of the report', () => {
    for (const heading of [
      'Places found',
      'Ambiguous names',
      'Dropped: words taken for places',
      'Not found in the gazetteer',
      'Base layers',
      'Steps',
    ]) {
      expect(blackSea.report).toContain(heading);
      expect(lebanon.report).toContain(heading);
    }
  });

  it(
    'writes the same bytes for the same article',
    () => {
      const again = newStory(join(ARTICLES, 'lebanon-north.aml'), join(WORK, 'lebanon'), { force: true });
      expect([...again.draft.files.keys()]).toEqual([...lebanon.draft.files.keys()]);
      for (const [path, contents] of lebanon.draft.files) expect(again.draft.files.get(path), path).toBe(contents);
      expect(again.report).toBe(lebanon.report);
    },
    HEAVY,
  );
});

describe('bad input', () => {
  const article = (name: string, contents: string | Uint8Array): string => {
    const path = join(WORK, name);
    writeFileSync(path, contents);
    return path;
  };

  it(
    'refuses a folder that exists, and replaces it only with --force',
    () => {
      const target = join(WORK, 'black-sea');
      expect(() => newStory(join(ARTICLES, 'black-sea-grain.txt'), target)).toThrow(KitError);
      expect(() => newStory(join(ARTICLES, 'black-sea-grain.txt'), target)).toThrow(
        /already exists: choose another folder, or pass --force/,
      );
      newStory(join(ARTICLES, 'black-sea-grain.txt'), target, { force: true });
      expect(loadStoryFolder(target).story.places.length).toBeGreaterThan(5);
      expect(readdirSync(WORK).filter((name) => name.startsWith('.'))).toEqual([]);
    },
    HEAVY,
  );

  it('names a file that is not UTF-8 and writes nothing', () => {
    const file = article(
      'latin1.txt',
      Uint8Array.from([
        ...Buffer.from('Strikes hit Odessa\nA dek\n\nThe caf'),
        0xe9,
        ...Buffer.from(' in Odessa closed.\n'),
      ]),
    );
    const target = join(WORK, 'latin1');
    expect(() => newStory(file, target)).toThrow(ArticleError);
    expect(() => newStory(file, target)).toThrow(/latin1\.txt:4: is not UTF-8 text/);
    expect(existsSync(target)).toBe(false);
  });

  it('names an empty file and a headline alone, and writes nothing', () => {
    expect(() => newStory(article('empty.txt', ''), join(WORK, 'empty'))).toThrow(/empty\.txt: is empty/);
    expect(() => newStory(article('headline.txt', 'Strikes hit Odessa\n'), join(WORK, 'headline'))).toThrow(
      /headline\.txt:1: has only a headline/,
    );
    expect(existsSync(join(WORK, 'empty'))).toBe(false);
    expect(existsSync(join(WORK, 'headline'))).toBe(false);
  });

  it('names an article in which it finds no place', () => {
    const file = article('nowhere.txt', 'A quiet day\nNothing happened\n\nThe committee met and adjourned.\n');
    expect(() => newStory(file, join(WORK, 'nowhere'))).toThrow(/nowhere\.txt: no place found that the map can show/);
  });

  it(
    'drafts a 200-paragraph article in reasonable time',
    () => {
      const paragraphs = readFileSync(join(ARTICLES, 'black-sea-grain.txt'), 'utf8')
        .split(/\n\s*\n/)
        .slice(1);
      const body = Array.from({ length: 200 }, (_, index) => paragraphs[index % paragraphs.length]).join('\n\n');
      const file = article('long.txt', `Grain ships test a fragile corridor\nA long dek about Odessa\n\n${body}\n`);
      const started = performance.now();
      const result = newStory(file, join(WORK, 'long'));
      expect(performance.now() - started).toBeLessThan(60_000);
      const { story } = loadStoryFolder(join(WORK, 'long'));
      expect(story.passages).toHaveLength(202);
      expect(story.steps.flatMap((step) => step.passages)).toHaveLength(202);
      expect(result.draft.places.map((place) => place.id)).toContain('odessa');
    },
    HEAVY,
  );
});

describe('the gazetteer', () => {
  it('is loaded once per process', () => {
    expect(loadGazetteer()).toBe(loadGazetteer());
  });
});
