// The file loader: reads a story folder from disk and rejects broken files and geometries by file and field.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoryError } from '../../src/lib/story/errors.ts';
import { loadStoryFolder } from '../../src/build/loadFolder.ts';
import { createStoryFolderCopy, STORY_FOLDER } from './storyFixtures.ts';

const copies: { cleanup(): void }[] = [];
afterEach(() => copies.splice(0).forEach((copy) => copy.cleanup()));

function copyStory(): ReturnType<typeof createStoryFolderCopy> {
  const copy = createStoryFolderCopy();
  copies.push(copy);
  return copy;
}

function problemsLoading(folder: string): string[] {
  try {
    loadStoryFolder(folder);
    return [];
  } catch (error) {
    if (!(error instanceof StoryError)) throw error;
    return error.problems.map((problem) => `${problem.file}: ${problem.field}: ${problem.message}`);
  }
}

/** A small valid collection with provenance, for replacing a layer file. */
function createCollection(geometry: unknown): unknown {
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { id: 'x', source: 's', licence: 'l', date: '2025-01-01', accuracy: 'exact' },
        geometry,
      },
    ],
  };
}

// Each case loads or draws the whole real story: seconds on a busy two-core machine, so a generous limit.
describe('loadStoryFolder', { timeout: 60_000 }, () => {
  it('loads the real story with every layer file', () => {
    const { story, geo } = loadStoryFolder(STORY_FOLDER);
    for (const layer of story.layers) expect(geo.get(layer.file)?.features.length).toBeGreaterThan(0);
  });

  it('names a file that is not valid JSON', () => {
    const copy = copyStory();
    copy.write('steps.json', '{"steps": [');
    expect(problemsLoading(copy.folder)).toEqual([expect.stringMatching(/^steps\.json: : is not valid JSON: /)]);
  });

  it('names a missing file', () => {
    const copy = copyStory();
    const layers = JSON.parse(readFileSync(join(copy.folder, 'layers.json'), 'utf8'));
    layers.layers[0].file = 'geo/missing.geojson';
    copy.write('layers.json', layers);
    expect(problemsLoading(copy.folder)).toContainEqual('geo/missing.geojson: : file is missing');
  });

  it('rejects a self-intersecting polygon', () => {
    const copy = copyStory();
    const bowtie = {
      type: 'Polygon',
      coordinates: [
        [
          [35, 51],
          [36, 52],
          [36, 51],
          [35, 52],
          [35, 51],
        ],
      ],
    };
    copy.write('geo/land.geojson', createCollection(bowtie));
    expect(problemsLoading(copy.folder)).toContainEqual(
      expect.stringMatching(
        /^geo\/land\.geojson: features\[0\]\.geometry: the polygon crosses itself near 35\.5000, 51\.5000/,
      ),
    );
  });

  it('rejects an unclosed ring and coordinates out of range', () => {
    const copy = copyStory();
    copy.write(
      'geo/land.geojson',
      createCollection({
        type: 'Polygon',
        coordinates: [
          [
            [35, 51],
            [36, 52],
            [36, 51],
            [35, 51.5],
          ],
        ],
      }),
    );
    copy.write('geo/towns.geojson', createCollection({ type: 'Point', coordinates: [35, 95] }));
    const problems = problemsLoading(copy.folder);
    expect(problems).toContainEqual(
      'geo/land.geojson: features[0].geometry.coordinates[0]: a polygon ring must end where it starts',
    );
    expect(problems).toContainEqual(
      'geo/towns.geojson: features[0].geometry.coordinates[1]: latitude 95 is not between -90 and 90',
    );
  });

  it('rejects an unknown geometry type and a feature without provenance', () => {
    const copy = copyStory();
    copy.write('geo/towns.geojson', {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: 'a', source: 's', licence: 'l', date: '2025', accuracy: 'exact' },
          geometry: { type: 'Circle', coordinates: [1, 2] },
        },
        { type: 'Feature', properties: { id: 'b' }, geometry: { type: 'Point', coordinates: [1, 2] } },
      ],
    });
    const problems = problemsLoading(copy.folder);
    expect(problems).toContainEqual(
      expect.stringMatching(/^geo\/towns\.geojson: features\[0\]\.geometry\.type: expected a Point/),
    );
    expect(problems).toContainEqual('geo/towns.geojson: features[1].properties.source: expected text, got undefined');
    expect(problems).toContainEqual(
      'geo/towns.geojson: features[1].properties.accuracy: expected one of exact, approximate, schematic, got undefined',
    );
  });

  it('rejects a place shape that names no feature', () => {
    const copy = copyStory();
    const places = JSON.parse(readFileSync(join(copy.folder, 'places.json'), 'utf8'));
    places.places[0].shape.feature = 'nowhere';
    copy.write('places.json', places);
    expect(problemsLoading(copy.folder)).toEqual([
      expect.stringMatching(
        /^places\.json: places\[0\]\.shape\.feature: no feature with id "nowhere" in geo\/region-lines\.geojson/,
      ),
    ]);
  });

  it('rejects a figure over an unknown series column and a note quoting an unknown figure', () => {
    const copy = copyStory();
    const figures = JSON.parse(readFileSync(join(copy.folder, 'figures.json'), 'utf8'));
    figures.figures[0].column = 'held_miles';
    copy.write('figures.json', figures);
    const steps = JSON.parse(readFileSync(join(copy.folder, 'steps.json'), 'utf8'));
    steps.steps[0].note = 'It covered {figure:peak-area}.';
    copy.write('steps.json', steps);
    const problems = problemsLoading(copy.folder);
    expect(problems).toContainEqual('figures.json: figures[0].column: the series has no column "held_miles"');
    expect(problems).toContainEqual(
      expect.stringMatching(/^steps\.json: steps\[0\]\.note: unknown figure "peak-area"/),
    );
  });

  it('rejects a timeline bound to a layer that is not dated', () => {
    const copy = copyStory();
    const timeline = JSON.parse(readFileSync(join(copy.folder, 'timeline.json'), 'utf8'));
    timeline.layer = 'road';
    copy.write('timeline.json', timeline);
    expect(problemsLoading(copy.folder)).toContainEqual(
      'timeline.json: layer: "road" is not a dated layer of layers.json',
    );
  });
});
