// The one loader of a story's data files in the browser: layer GeoJSON and the timeline's series, each fetched once
// per page, validated before anyone sees it, and shared by every consumer (the WebGL map, the static maps, the
// chart). Components never fetch; they receive what this loads. (The locator's land is drawn by the build.)
import type { FeatureCollection } from 'geojson';
import type { StoryProblem } from '../story/errors.ts';
import type { SeriesRow } from '../story/series.ts';
import type { Story } from '../story/types.ts';
import { fetchJsonOnce, fetchTextOnce } from './fetchOnce.ts';
import { nextTask } from '../nextTask.ts';

/** A story's data files, by their path in the story folder (e.g. "geo/land.geojson"). */
export interface StoryData {
  /** Where a story file is fetched from (for a renderer that fetches it itself, as MapLibre's worker does). */
  url(file: string): string;
  /** A layer file, validated (provenance on every feature; dates on a dated layer's). Rejects naming the file. */
  layer(file: string): Promise<FeatureCollection>;
  /** The timeline's series, parsed. Rejects naming the file. */
  series(file: string): Promise<SeriesRow[]>;
}

export interface StoryDataOptions {
  /** Resolves a story file path to a URL; default: the path itself. */
  dataUrl?(file: string): string;
  /** Loads JSON; default: fetch, once per URL. */
  fetchJson?(url: string): Promise<unknown>;
  /** Loads text; default: fetch, once per URL. */
  fetchText?(url: string): Promise<string>;
}

/** The data loader for one story. Each file is fetched and validated once, however many ask for it. */
export function createStoryData(story: Story, options: StoryDataOptions = {}): StoryData {
  const { dataUrl = (file: string) => file, fetchJson = fetchJsonOnce, fetchText = fetchTextOnce } = options;
  const layers = new Map<string, Promise<FeatureCollection>>();
  const series = new Map<string, Promise<SeriesRow[]>>();
  return {
    url: dataUrl,
    layer(file) {
      let loading = layers.get(file);
      if (!loading) {
        // The validator and the CSV reader load with the first file: they stay off the page's critical path.
        loading = Promise.all([fetchJson(dataUrl(file)), import('../story/geojson.ts')]).then(
          async ([raw, { validateGeoJson }]) => {
            // Parsing, checking and drawing a large file are each a task of their own: together they made one long
            // task on a slow phone.
            await nextTask();
            const problems: StoryProblem[] = [];
            const dated = story.layers.some((layer) => layer.file === file && layer.dated);
            const collection = validateGeoJson(raw, file, { provenance: true, dated }, problems);
            if (!collection) throw new Error(`${file}: ${problems.slice(0, 3).map((problem) => `${problem.field} ${problem.message}`).join('; ')}`);
            await nextTask();
            return collection;
          },
        );
        layers.set(file, loading);
        // A failure may be tried again (a flaky network).
        loading.catch(() => layers.delete(file));
      }
      return loading;
    },
    series(file) {
      let loading = series.get(file);
      if (!loading) {
        loading = Promise.all([fetchText(dataUrl(file)), import('../story/series.ts')]).then(([text, { parseSeries }]) => parseSeries(text, file));
        series.set(file, loading);
        loading.catch(() => series.delete(file));
      }
      return loading;
    },
  };
}
