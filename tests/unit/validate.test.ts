// The story validator: the real story passes; each kind of bad input is rejected naming the file and the field.
import { describe, expect, it } from 'vitest';
import { StoryError } from '../../src/lib/story/errors.ts';
import { validateStory, type StoryFiles } from '../../src/lib/story/validate.ts';
import { createStoryFiles, itemOf, listOf } from './storyFixtures.ts';

/** Runs the validator and returns its problems as "file: field: message" lines (empty when valid). */
function problemsOf(files: StoryFiles): string[] {
  try {
    validateStory(files);
    return [];
  } catch (error) {
    if (!(error instanceof StoryError)) throw error;
    return error.problems.map((problem) => `${problem.file}: ${problem.field}: ${problem.message}`);
  }
}

describe('validateStory', () => {
  it('accepts the real story and types it', () => {
    const story = validateStory(createStoryFiles());
    expect(story.passages.map((passage) => passage.id)).toEqual([
      'headline',
      'dek',
      'p1',
      'p2',
      'p3',
      'p4',
      'p5',
      'p6',
      'p7',
      'p8',
    ]);
    expect(story.steps.length).toBeGreaterThanOrEqual(8);
    expect(story.places.map((place) => place.id)).toEqual(
      expect.arrayContaining([
        'kursk',
        'sudzha',
        'sumy',
        'fortifications',
        'jeddah',
        'donetsk',
        'avdiivka',
        'bakhmut',
        'moscow',
      ]),
    );
  });

  it('rejects an unknown passage ID in a step', () => {
    const files = createStoryFiles();
    itemOf(files, 'steps.json', 2).passages = ['p99'];
    expect(problemsOf(files)).toEqual([
      expect.stringMatching(/^steps\.json: steps\[2\]\.passages\[0\]: unknown passage "p99"/),
    ]);
  });

  it('rejects a step with no passage', () => {
    const files = createStoryFiles();
    itemOf(files, 'steps.json', 1).passages = [];
    expect(problemsOf(files)).toContainEqual(
      expect.stringMatching(/^steps\.json: steps\[1\]\.passages: expected at least 1 item/),
    );
  });

  it('rejects an unknown place in a step', () => {
    const files = createStoryFiles();
    itemOf(files, 'steps.json', 0).emphasis = ['atlantis'];
    expect(problemsOf(files)).toEqual(['steps.json: steps[0].emphasis[0]: unknown place "atlantis"']);
  });

  it('rejects an unknown place in a camera fit', () => {
    const files = createStoryFiles();
    itemOf(files, 'steps.json', 0).camera = { fit: { places: ['atlantis'] } };
    expect(problemsOf(files)).toEqual(['steps.json: steps[0].camera.fit.places[0]: unknown place "atlantis"']);
  });

  it('rejects coordinates out of range', () => {
    const files = createStoryFiles();
    itemOf(files, 'places.json', 1).anchor = [35.27, 191.2];
    expect(problemsOf(files)).toEqual(['places.json: places[1].anchor[1]: 191.2 is out of range (-90 to 90)']);
  });

  it('rejects non-numeric and NaN-like coordinates', () => {
    const files = createStoryFiles();
    itemOf(files, 'places.json', 1).anchor = ['35.27', 51.19];
    itemOf(files, 'steps.json', 1).camera = { center: [null, 51], zoom: 9 };
    expect(problemsOf(files)).toEqual([
      'places.json: places[1].anchor[0]: expected a number, got "35.27"',
      'steps.json: steps[1].camera.center[0]: expected a number, got null',
    ]);
  });

  it('rejects an inverted bounding box', () => {
    const files = createStoryFiles();
    itemOf(files, 'places.json', 0).bounds = [38.5, 50.8, 34.0, 52.4];
    expect(problemsOf(files)).toEqual([
      'places.json: places[0].bounds: west must be less than east and south less than north',
    ]);
  });

  it('rejects duplicated IDs', () => {
    const files = createStoryFiles();
    itemOf(files, 'places.json', 2).id = 'kursk';
    expect(problemsOf(files)).toContainEqual('places.json: places[2].id: "kursk" is used twice');
  });

  it('rejects steps out of article order', () => {
    const files = createStoryFiles();
    const steps = listOf(files, 'steps.json');
    [steps[1], steps[2]] = [steps[2] as Record<string, unknown>, steps[1] as Record<string, unknown>];
    expect(problemsOf(files)).toContainEqual(
      expect.stringMatching(/^steps\.json: steps\[2\]\.passages\[0\]: "p1" comes before a passage of an earlier step/),
    );
  });

  it("rejects a step's label placement for an unknown place or off the globe, naming the field", () => {
    const files = createStoryFiles();
    itemOf(files, 'steps.json', 1).labels = { atlantis: [35, 51], kursk: [200, 51] };
    const problems = problemsOf(files);
    expect(problems).toContainEqual('steps.json: steps[1].labels.atlantis: unknown place "atlantis"');
    expect(problems).toContainEqual('steps.json: steps[1].labels.kursk[0]: 200 is out of range (-180 to 180)');
  });

  it("rejects a quote that is not in the step's passages", () => {
    const files = createStoryFiles();
    itemOf(files, 'steps.json', 1).quote = 'Kiev troops withdrew.';
    expect(problemsOf(files)).toEqual(["steps.json: steps[1].quote: is not a verbatim part of the step's passages"]);
  });

  it('rejects a missing provenance field and a bad accuracy', () => {
    const files = createStoryFiles();
    delete itemOf(files, 'layers.json', 0).licence;
    itemOf(files, 'places.json', 1).accuracy = 'pretty good';
    expect(problemsOf(files)).toEqual([
      'layers.json: layers[0].licence: expected text, got undefined',
      'places.json: places[1].accuracy: expected one of exact, approximate, schematic, got "pretty good"',
    ]);
  });

  it("accepts a layer's where as a value or a list of values, and rejects an empty list or a list of objects", () => {
    const files = createStoryFiles();
    itemOf(files, 'layers.json', 0).where = { rank: [2, 3], kind: 'town' };
    expect(problemsOf(files)).toEqual([]);
    itemOf(files, 'layers.json', 0).where = { rank: [] };
    expect(problemsOf(files)).toEqual([
      'layers.json: layers[0].where.rank: expected text, a number, true/false, or a non-empty list of them',
    ]);
    itemOf(files, 'layers.json', 0).where = { kind: [{ a: 1 }] };
    expect(problemsOf(files)).toEqual([
      'layers.json: layers[0].where.kind: expected text, a number, true/false, or a non-empty list of them',
    ]);
  });

  it('rejects an unknown layer and a base layer listed in a step', () => {
    const files = createStoryFiles();
    itemOf(files, 'steps.json', 0).layers = ['nope', 'land'];
    expect(problemsOf(files)).toEqual([
      'steps.json: steps[0].layers[0]: unknown layer "nope"',
      'steps.json: steps[0].layers[1]: "land" is a base layer, always shown; list only story layers',
    ]);
  });

  it('rejects an unknown style token', () => {
    const files = createStoryFiles();
    itemOf(files, 'layers.json', 1).style = 'neon';
    expect(problemsOf(files)).toEqual([
      expect.stringMatching(/^layers\.json: layers\[1\]\.style: expected one of land, .*got "neon"$/),
    ]);
  });

  it('rejects a dated layer shown without a date, and an impossible date', () => {
    const files = createStoryFiles();
    delete itemOf(files, 'steps.json', 0).date;
    itemOf(files, 'steps.json', 1).date = '2025-02-30';
    expect(problemsOf(files)).toEqual([
      'steps.json: steps[0].date: the step shows a dated layer, so it needs a date',
      'steps.json: steps[1].date: "2025-02-30" is not a calendar date',
    ]);
  });

  it('rejects a paragraph that names a place but has no step', () => {
    const files = createStoryFiles();
    const steps = listOf(files, 'steps.json');
    const lastIndex = steps.length - 1;
    steps.splice(lastIndex, 1);
    expect(problemsOf(files)).toEqual(['steps.json: steps: paragraph "p8" names a place but no step is linked to it']);
  });

  it('rejects wrong types and very long text without crashing', () => {
    const files = createStoryFiles();
    itemOf(files, 'steps.json', 0).note = 'x'.repeat(20000);
    itemOf(files, 'places.json', 0).aliases = 'Kursk';
    expect(problemsOf(files)).toEqual([
      'places.json: places[0].aliases: expected a list, got "Kursk"',
      'steps.json: steps[0].note: is 20000 characters long; at most 1200 are allowed',
    ]);
  });

  it('rejects a file that is not an object at all', () => {
    const files = createStoryFiles();
    files['steps.json'] = [1, 2, 3];
    expect(problemsOf(files)).toEqual(['steps.json: : expected an object, got a list']);
  });

  it('names the folder in the error message', () => {
    const files = createStoryFiles();
    itemOf(files, 'steps.json', 0).emphasis = ['atlantis'];
    expect(() => validateStory(files, 'data/kursk')).toThrow(
      'data/kursk/steps.json: steps[0].emphasis[0]: unknown place "atlantis"',
    );
  });
});
