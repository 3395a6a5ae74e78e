// Story validation fuzzed: well over a thousand mutations of the real story files (wrong types, missing fields,
// unknown IDs, NaN and huge coordinates, duplicated IDs, very long strings, markup, self-intersecting polygons).
// Each is either accepted as valid, and then every step still makes a map state, or rejected with problems that
// name a file and a field; none crashes the loader and none reaches the map.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { StoryError, type StoryProblem } from '../../src/lib/story/errors.ts';
import { STORY_FILE_NAMES, validateStory, type StoryFiles } from '../../src/lib/story/validate.ts';
import { validateGeoJson } from '../../src/lib/story/geojson.ts';
import { selfIntersections } from '../../src/build/geo/kinks.ts';
import { mapStateFor } from '../../src/lib/map/state.ts';
import { createStoryFiles, loadRealStory } from './storyFixtures.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Every path to a value inside a JSON tree (not the root). */
function pathsIn(value: Json, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsIn(child, [...prefix, key])]);
}

const REPLACEMENTS: Json[] = [
  null,
  true,
  0,
  -1,
  1e308,
  -1e308,
  'x',
  '',
  'p99',
  'atlantis',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  'x'.repeat(100_000),
  [],
  [1, 2],
  {},
  { id: 'x' },
  '2025-02-30',
  'NaN',
  [181, 91],
  [Number.MAX_VALUE, 0],
];

type Mutation =
  | { kind: 'replace'; replacement: number }
  | { kind: 'delete' }
  | { kind: 'duplicate' }
  | { kind: 'non-finite'; which: number };

/** Applies one mutation at a path, in place. NaN and Infinity cannot come from JSON, but a loader must survive them. */
function mutate(root: Json, path: Path, mutation: Mutation): void {
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1] as string | number;
  let parent: Json = root;
  for (const step of parentPath) parent = (parent as Record<string | number, Json>)[step] as Json;
  if (parent === null || typeof parent !== 'object') return;
  const container = parent as Record<string | number, unknown>;
  if (mutation.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete container[key];
  } else if (mutation.kind === 'duplicate') {
    if (Array.isArray(parent)) parent.push(structuredClone(parent[Number(key)] as Json));
    else container[key] = structuredClone(container[key] as Json);
  } else if (mutation.kind === 'non-finite') {
    container[key] = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY][mutation.which % 3];
  } else {
    container[key] = structuredClone(REPLACEMENTS[mutation.replacement % REPLACEMENTS.length] ?? null);
  }
}

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), replacement: fc.nat() }),
  fc.constant({ kind: 'delete' as const }),
  fc.constant({ kind: 'duplicate' as const }),
  fc.record({ kind: fc.constant('non-finite' as const), which: fc.nat() }),
);

/** Outcome of validating one mutated story: accepted, or rejected with named problems. Anything else throws. */
function outcome(files: StoryFiles): 'accepted' | 'rejected' {
  try {
    const story = validateStory(files);
    // Accepted data must be usable as is: every step makes a map state with every place selected.
    for (const step of story.steps) {
      mapStateFor(story, step.id);
      for (const place of story.places) mapStateFor(story, step.id, place.id);
    }
    return 'accepted';
  } catch (error) {
    if (!(error instanceof StoryError)) throw error;
    expect(error.problems.length).toBeGreaterThan(0);
    for (const problem of error.problems) expectNamed(problem, [...STORY_FILE_NAMES]);
    return 'rejected';
  }
}

function expectNamed(problem: StoryProblem, files: string[]): void {
  expect(files).toContain(problem.file);
  expect(typeof problem.field).toBe('string');
  expect(problem.message.length).toBeGreaterThan(0);
  expect(problem.message.length).toBeLessThan(400);
}

describe('fuzzed story files', () => {
  it('accepts or rejects (naming file and field) 1,500 mutations, without a crash', () => {
    const counts = { accepted: 0, rejected: 0 };
    const base = createStoryFiles();
    const fileArbitrary = fc.constantFrom(...STORY_FILE_NAMES);
    fc.assert(
      fc.property(
        fileArbitrary,
        fc.nat(),
        mutationArbitrary,
        fc.nat(),
        mutationArbitrary,
        (file, pathIndex, first, secondPath, second) => {
          const files = structuredClone(base) as unknown as Record<string, Json>;
          const paths = pathsIn(files[file] as Json);
          const path = paths[pathIndex % paths.length];
          if (path) mutate(files[file] as Json, path, first);
          // Half the cases carry a second mutation somewhere else.
          if (secondPath % 2 === 0) {
            const otherPaths = pathsIn(files[file] as Json);
            const other = otherPaths[secondPath % Math.max(1, otherPaths.length)];
            if (other) mutate(files[file] as Json, other, second);
          }
          counts[outcome(files as unknown as StoryFiles)]++;
        },
      ),
      { numRuns: 1500, seed: 20250312 },
    );
    // Both outcomes in real numbers: the mutations reach deep validation, and accepted stories reach the map state.
    expect(counts.rejected).toBeGreaterThan(1000);
    expect(counts.accepted).toBeGreaterThan(100);
  }, 60_000);

  it('rejects broken geometries in 1,000 mutated layer files before they reach the map', () => {
    const { story, geo } = loadRealStory();
    const counts = { accepted: 0, rejected: 0 };
    const small = story.layers
      .filter((layer) => (geo.get(layer.file)?.features.length ?? 0) <= 70)
      .map((layer) => layer.file);
    const geometryMutation = fc.oneof(
      fc.constant('bowtie'),
      fc.constant('nan'),
      fc.constant('huge'),
      fc.constant('unclosed'),
      fc.constant('short-line'),
      fc.constant('no-geometry'),
      fc.constant('wrong-type'),
      fc.constant('no-provenance'),
      fc.constant('string-coords'),
    );
    fc.assert(
      fc.property(fc.constantFrom(...small), fc.nat(), geometryMutation, (file, featureIndex, kind) => {
        const collection = structuredClone(geo.get(file)) as unknown as {
          features: { geometry: Record<string, unknown> | null; properties: Record<string, unknown> }[];
        };
        const feature = collection.features[featureIndex % collection.features.length];
        if (!feature) return;
        const geometry = feature.geometry ?? {};
        if (kind === 'bowtie')
          feature.geometry = {
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
        if (kind === 'nan') feature.geometry = { type: 'Point', coordinates: [Number.NaN, 51] };
        if (kind === 'huge') feature.geometry = { type: 'Point', coordinates: [1e9, 51] };
        if (kind === 'unclosed')
          feature.geometry = {
            type: 'Polygon',
            coordinates: [
              [
                [35, 51],
                [36, 52],
                [36, 51],
                [35.5, 51.5],
              ],
            ],
          };
        if (kind === 'short-line') feature.geometry = { type: 'LineString', coordinates: [[35, 51]] };
        if (kind === 'no-geometry') feature.geometry = null;
        if (kind === 'wrong-type') feature.geometry = { ...geometry, type: 'Circle' };
        if (kind === 'no-provenance') delete feature.properties.licence;
        if (kind === 'string-coords') feature.geometry = { type: 'Point', coordinates: ['35', '51'] };
        const problems: StoryProblem[] = [];
        const valid = validateGeoJson(collection, file, { provenance: true, dated: false }, problems);
        // Only the mutated feature can have gained a crossing: checking it alone keeps each case to milliseconds.
        const mutated = valid?.features[featureIndex % valid.features.length];
        const crossings = valid && mutated ? selfIntersections({ type: 'FeatureCollection', features: [mutated] }) : [];
        if (valid && crossings.length === 0) counts.accepted++;
        else {
          counts.rejected++;
          for (const problem of problems) expectNamed(problem, [file]);
        }
      }),
      { numRuns: 1000, seed: 20240806 },
    );
    expect(counts).toEqual({ accepted: 0, rejected: 1000 });
  }, 60_000);
});
