// Figures quoted in the notes: computed from the data, checked against the reference CSV they derive from (a fixture), and the
// drone-range measure on a small hand-made case.
import { describe, expect, it } from 'vitest';
import type { Feature, LineString, Polygon } from 'geojson';
import { areaMinus, lineShareWithinRange } from '../../src/build/geo/range.ts';
import { daysBetween, parseSeries, rowOn } from '../../src/lib/story/series.ts';
import { fillFigures, formatNumber } from '../../src/build/figures.ts';
import type { StoryProblem } from '../../src/lib/story/errors.ts';
import { loadRealStory } from './storyFixtures.ts';
import { readReferenceSeries } from '../support/referenceSeries.ts';

const readReference = readReferenceSeries;

function figure(id: string) {
  const found = loadRealStory().story.figures.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no figure ${id}`);
  return found;
}

// Each case loads or draws the whole real story: seconds on a busy two-core machine, so a generous limit.
describe('figures computed from the data', { timeout: 60_000 }, () => {
  it("peak held area is the reference CSV's maximum", () => {
    const max = Math.max(...readReference().map((row) => row.values.kursk_ua_controlled_km2 ?? 0));
    expect(figure('peak-held').value).toBe(max);
    expect(figure('peak-held').text).toBe(`${formatNumber(max)} km²`);
  });

  it('held area at the withdrawal is the last reference snapshot of 12 March 2025', () => {
    const rows = readReference().filter((row) => row.time.startsWith('2025-03-12'));
    const last = rows[rows.length - 1];
    expect(figure('held-on-withdrawal').value).toBe(last?.values.kursk_ua_controlled_km2);
    expect(figure('held-on-withdrawal-sudzha-sector').value).toBe(last?.values.kursk_ua_controlled_sudzha_sector_km2);
    expect(figure('held-on-withdrawal').detail).toContain(last?.time);
  });

  it('days held run from the first reference snapshot with a held area to 12 March 2025', () => {
    const first = readReference().find((row) => (row.values.kursk_ua_controlled_km2 ?? 0) > 0);
    expect(figure('days-held').value).toBe(daysBetween(first?.time.slice(0, 10) ?? '', '2025-03-12'));
  });

  it('the road came within drone range as the held area shrank', () => {
    expect(figure('road-in-range-peak').value).toBeLessThan(figure('road-in-range-march').value);
    expect(figure('road-in-range-march').detail).toMatch(/within 10 km on 2025-03-11/);
  });

  it('notes quote the computed figures, not hand-typed numbers', () => {
    const notes = loadRealStory()
      .story.steps.map((step) => step.note ?? '')
      .join(' ');
    expect(notes).toContain(figure('peak-held').text);
    expect(notes).toContain(figure('road-in-range-march').text);
    expect(notes).not.toContain('{figure:');
  });
});

describe('fillFigures', () => {
  it('names an unknown figure by file and field', () => {
    const problems: StoryProblem[] = [];
    fillFigures('About {figure:nope}.', [], 'steps.json', 'steps[2].note', problems);
    expect(problems).toEqual([
      { file: 'steps.json', field: 'steps[2].note', message: 'unknown figure "nope" (figures.json has none)' },
    ]);
  });
});

describe('series', () => {
  it('picks the last snapshot on a date', () => {
    const rows = parseSeries(
      't,a\n2025-03-11T12:04Z,1\n2025-03-12T08:00Z,2\n2025-03-12T12:04Z,3\n2025-03-13T12:00Z,4\n',
    );
    expect(rowOn(rows, '2025-03-12')?.values.a).toBe(3);
  });

  it('rejects a cell that is not a number, naming line and column', () => {
    expect(() => parseSeries('t,a\n2025-03-11T12:04Z,x\n', 'series/x.csv')).toThrow(
      'series/x.csv: line 2, column a: "x" is not a number',
    );
  });
});

describe('lineShareWithinRange on a hand-made case', () => {
  // A square "Russian-held" area west of longitude 0, and a 10-km road running east from its edge along the equator
  // (at the equator 1° of longitude ≈ 111.2 km).
  const area: Feature<Polygon> = {
    type: 'Feature',
    properties: {},
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [-1, -1],
          [0, -1],
          [0, 1],
          [-1, 1],
          [-1, -1],
        ],
      ],
    },
  };
  const kmPerDegree = 111.195;
  const road: Feature<LineString> = {
    type: 'Feature',
    properties: {},
    geometry: {
      type: 'LineString',
      coordinates: [
        [0, 0],
        [10 / kmPerDegree, 0],
      ],
    },
  };

  it('counts the stretch within range', () => {
    const result = lineShareWithinRange(road, area, 4);
    expect(result.lengthKm).toBeCloseTo(10, 1);
    expect(result.withinKm).toBeCloseTo(4, 1);
    expect(result.share).toBeCloseTo(0.4, 2);
  });

  it('counts all of a road inside the area', () => {
    const inside: Feature<LineString> = {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'LineString',
        coordinates: [
          [-0.5, 0],
          [-0.2, 0],
        ],
      },
    };
    expect(lineShareWithinRange(inside, area, 1).share).toBeCloseTo(1, 9);
  });

  it('treats the held side as not Russian-held once cut out, and ignores slivers', () => {
    // Cut the eastern half of the square out: the road now starts 0.5° (≈ 55.6 km) from the remaining area.
    const held: Feature<Polygon> = {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [-0.5, -1.1],
            [0.1, -1.1],
            [0.1, 1.1],
            [-0.5, 1.1],
            [-0.5, -1.1],
          ],
        ],
      },
    };
    const side = areaMinus(area, [held]);
    expect(lineShareWithinRange(road, side, 10).share).toBe(0);
    expect(lineShareWithinRange(road, side, 60).share).toBeGreaterThan(0);
  });
});
