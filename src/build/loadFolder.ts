// Loads a story folder from disk (build time and tests, never in the browser): parses each file, validates the story
// and every layer's GeoJSON, including self-intersections, and returns the model or throws one StoryError.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { StoryError, type StoryProblem } from '../lib/story/errors.ts';
import { validateGeoJson } from '../lib/story/geojson.ts';
import { STORY_FILE_NAMES, validateStory, type StoryFiles } from '../lib/story/validate.ts';
import { selfIntersections } from './geo/kinks.ts';
import { computeFigures, fillFigures } from './figures.ts';
import { parseSeries, type SeriesRow } from '../lib/story/series.ts';
import { readTimeline } from '../lib/story/timeline.ts';
import type { Snapshot, Story } from '../lib/story/types.ts';

/** A validated story with the GeoJSON of each layer file, keyed by path relative to the folder. */
export interface LoadedStory {
  story: Story;
  geo: Map<string, FeatureCollection>;
}

/** Parses one JSON file, recording a problem instead of throwing. */
function readJson(folder: string, file: string, problems: StoryProblem[]): unknown {
  const path = join(folder, file);
  if (!existsSync(path)) {
    problems.push({ file, field: '', message: 'file is missing' });
    return undefined;
  }
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    problems.push({ file, field: '', message: `is not valid JSON: ${(error as Error).message}` });
    return undefined;
  }
}

/**
 * Loads and validates the story in `folder` (e.g. "data/kursk").
 * @throws StoryError naming file, field and problem for anything wrong
 */
export function loadStoryFolder(folder: string): LoadedStory {
  const problems: StoryProblem[] = [];
  const files = Object.fromEntries(
    STORY_FILE_NAMES.map((name) => [name, readJson(folder, name, problems)]),
  ) as unknown as StoryFiles;
  if (problems.length > 0) throw new StoryError(problems, folder);
  const story = validateStory(files, folder);

  const geo = new Map<string, FeatureCollection>();
  for (const layer of story.layers) {
    if (geo.has(layer.file)) continue;
    const raw = readJson(folder, layer.file, problems);
    if (raw === undefined) continue;
    const dated = story.layers.some((candidate) => candidate.file === layer.file && candidate.dated);
    const collection = validateGeoJson(raw, layer.file, { provenance: true, dated }, problems);
    if (!collection) continue;
    for (const found of selfIntersections(collection)) {
      problems.push({
        file: layer.file,
        field: `features[${found.featureIndex}].geometry`,
        message: `the polygon crosses itself near ${found.at[0].toFixed(4)}, ${found.at[1].toFixed(4)}`,
      });
    }
    geo.set(layer.file, collection);
  }
  story.places.forEach((place, index) => {
    if (!place.shape) return;
    const layer = story.layers.find((candidate) => candidate.id === place.shape?.layer);
    const collection = layer && geo.get(layer.file);
    if (collection && !collection.features.some((feature) => feature.properties?.id === place.shape?.feature)) {
      problems.push({
        file: 'places.json',
        field: `places[${index}].shape.feature`,
        message: `no feature with id "${place.shape.feature}" in ${layer.file}`,
      });
    }
  });
  if (problems.length > 0) throw new StoryError(problems, folder);

  for (const layer of story.layers) {
    const collection = geo.get(layer.file);
    if (layer.dated && collection) layer.snapshots = snapshotsIn(collection);
  }
  const optional = (file: string): unknown =>
    existsSync(join(folder, file)) ? readJson(folder, file, problems) : undefined;
  const timelineRaw = optional('timeline.json');
  const timeline = timelineRaw === undefined ? undefined : readTimeline(timelineRaw, story.layers, problems);
  let series: SeriesRow[] | undefined;
  if (timeline) {
    try {
      series = parseSeries(readFileSync(join(folder, timeline.file), 'utf8'), timeline.file);
      const missing = timeline.columns.filter((column) => !(column.id in (series?.[0]?.values ?? {})));
      for (const column of missing)
        problems.push({
          file: 'timeline.json',
          field: 'columns',
          message: `${timeline.file} has no column "${column.id}"`,
        });
      story.timeline = timeline;
    } catch (error) {
      problems.push({ file: timeline.file, field: '', message: (error as Error).message });
    }
  }
  const figuresRaw = optional('figures.json');
  story.figures =
    figuresRaw === undefined ? [] : computeFigures(figuresRaw, { series, layers: story.layers, geo }, problems);
  story.steps.forEach((step, index) => {
    if (step.note) step.note = fillFigures(step.note, story.figures, 'steps.json', `steps[${index}].note`, problems);
  });
  if (problems.length > 0) throw new StoryError(problems, folder);
  return { story, geo };
}

/** The snapshots in a dated layer's file, by date, with the snapshot time where the features carry one. */
function snapshotsIn(collection: FeatureCollection): Snapshot[] {
  const byDate = new Map<string, string>();
  for (const feature of collection.features) {
    const date = String(feature.properties?.date ?? '').slice(0, 10);
    const time = String(feature.properties?.snapshot_utc ?? feature.properties?.snapshot ?? date);
    if (!byDate.has(date)) byDate.set(date, /^\d{4}-\d{2}-\d{2}T/.test(time) ? time : date);
  }
  return [...byDate].sort(([a], [b]) => a.localeCompare(b)).map(([date, time]) => ({ date, time }));
}
