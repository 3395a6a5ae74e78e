// Figures quoted in the notes are computed from the data, never typed by hand: figures.json says what to measure,
// this module measures it at build time (series and geometry) and fills `{figure:ID}` in the step notes.
import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import type { StoryProblem } from '../lib/story/errors.ts';
import { FieldReader, ID_PATTERN } from '../lib/story/fields.ts';
import { daysBetween, firstRowAbove, rowOn, rowWithMax, type SeriesRow } from '../lib/story/series.ts';
import { snapshotDateFor } from '../lib/story/snapshots.ts';
import { areaMinus, lineShareWithinRange } from './geo/range.ts';
import type { Figure, Layer } from '../lib/story/types.ts';

const MEASURES = ['series-max', 'series-on', 'days-held', 'line-share-within-range'] as const;
type Measure = (typeof MEASURES)[number];

/** What the measures can read: the series rows and each layer's GeoJSON. */
export interface FigureInputs {
  series: SeriesRow[] | undefined;
  layers: Layer[];
  geo: Map<string, FeatureCollection>;
}

const PLACEHOLDER = /\{figure:([a-z0-9-]+)\}/g;

/** Formats a number the way the notes print it: thousands separated, at most one decimal. */
export function formatNumber(value: number, decimals = 0): string {
  return value.toLocaleString('en-GB', { maximumFractionDigits: decimals, minimumFractionDigits: 0 });
}

/** Features a layer draws on a date: its `where` clause, and for dated layers the snapshot on or before the date. */
export function featuresOn(layer: Layer, collection: FeatureCollection, date: string | undefined): Feature[] {
  const dates = [
    ...new Set(collection.features.map((feature) => String(feature.properties?.date ?? '').slice(0, 10))),
  ].sort();
  const snapshot = layer.dated && date ? snapshotDateFor(dates, date) : undefined;
  return collection.features.filter((feature) => {
    const properties = feature.properties ?? {};
    if (Object.entries(layer.where ?? {}).some(([key, value]) => properties[key] !== value)) return false;
    return !layer.dated || String(properties.date ?? '').slice(0, 10) === snapshot;
  });
}

/**
 * Reads figures.json and computes every figure. Problems (bad fields, unknown columns or layers, empty results)
 * are recorded by file and field.
 */
export function computeFigures(raw: unknown, inputs: FigureInputs, problems: StoryProblem[]): Figure[] {
  const reader = new FieldReader('figures.json', problems);
  const figures = reader.items(
    raw,
    'figures',
    (spec, field, id): Figure | undefined => {
      const label = reader.string(spec.label, `${field}.label`, { max: 200 });
      const measure = reader.oneOf<Measure>(spec.measure, `${field}.measure`, MEASURES);
      if (!id || !label || !measure) return undefined;
      const computed = measureFigure(reader, measure, spec, field, inputs);
      return computed && { id, label, ...computed };
    },
    { minLength: 0 },
  );
  return figures ?? [];
}

type Computed = Omit<Figure, 'id' | 'label'>;

function measureFigure(
  reader: FieldReader,
  measure: Measure,
  spec: Record<string, unknown>,
  field: string,
  inputs: FigureInputs,
): Computed | undefined {
  if (measure === 'line-share-within-range') return measureRange(reader, spec, field, inputs);
  const series = inputs.series;
  if (!series) return reader.fail(field, 'series figures need timeline.json and its series file');
  const column = reader.string(spec.column, `${field}.column`, { max: 60 });
  if (!column) return undefined;
  if (!(column in (series[0]?.values ?? {})))
    return reader.fail(`${field}.column`, `the series has no column "${column}"`);

  if (measure === 'series-max') {
    const row = rowWithMax(series, column);
    if (!row) return reader.fail(field, 'the series is empty');
    const value = row.values[column] ?? 0;
    return {
      value,
      unit: 'km²',
      text: `${formatNumber(value)} km²`,
      detail: `largest on ${row.date} (snapshot ${row.time})`,
    };
  }
  const date = reader.calendarDate(spec.date, `${field}.date`);
  if (!date) return undefined;
  if (measure === 'series-on') {
    const row = rowOn(series, date);
    if (!row) return reader.fail(`${field}.date`, `the series starts after ${date}`);
    const value = row.values[column] ?? 0;
    return { value, unit: 'km²', text: `${formatNumber(value)} km²`, detail: `snapshot ${row.time}` };
  }
  const first = firstRowAbove(series, column);
  if (!first) return reader.fail(`${field}.column`, `"${column}" is never above zero`);
  const days = daysBetween(first.date, date);
  return {
    value: days,
    unit: 'days',
    text: `${formatNumber(days)} days`,
    detail: `from ${first.date} (first snapshot with a held area) to ${date}`,
  };
}

interface LayerRef {
  layer: Layer;
  collection: FeatureCollection;
}

function readLayerRef(reader: FieldReader, value: unknown, field: string, inputs: FigureInputs): LayerRef | undefined {
  const layerId = reader.string(value, field, { pattern: ID_PATTERN, hint: 'a layer ID' });
  if (!layerId) return undefined;
  const layer = inputs.layers.find((candidate) => candidate.id === layerId);
  if (!layer) return reader.fail(field, `unknown layer "${layerId}"`);
  const collection = inputs.geo.get(layer.file);
  return collection ? { layer, collection } : reader.fail(field, `the data of layer "${layerId}" did not load`);
}

function measureRange(
  reader: FieldReader,
  spec: Record<string, unknown>,
  field: string,
  inputs: FigureInputs,
): Computed | undefined {
  const line = readLayerRef(reader, spec.line, `${field}.line`, inputs);
  const area = readLayerRef(reader, spec.area, `${field}.area`, inputs);
  const minusIds = reader.strings(spec.minus, `${field}.minus`);
  const minus = (minusIds ?? []).map((layerId, index) =>
    readLayerRef(reader, layerId, `${field}.minus[${index}]`, inputs),
  );
  const date = reader.calendarDate(spec.date, `${field}.date`);
  const rangeKm = reader.number(spec.rangeKm, `${field}.rangeKm`, { min: 0.1, max: 500 });
  const assumption = reader.string(spec.assumption, `${field}.assumption`, { max: 400 });
  if (!line || !area || !minusIds || minus.some((ref) => !ref) || !date || rangeKm === undefined || !assumption)
    return undefined;

  const lines = featuresOn(line.layer, line.collection, date).filter(
    (feature): feature is Feature<LineString | MultiLineString> => /LineString$/.test(feature.geometry?.type ?? ''),
  );
  const areaWhere = spec.areaWhere === undefined ? {} : (reader.object(spec.areaWhere, `${field}.areaWhere`) ?? {});
  const areas = featuresOn(area.layer, area.collection, date)
    .filter(isArea)
    .filter((feature) => Object.entries(areaWhere).every(([key, value]) => feature.properties?.[key] === value));
  const holes = minus.flatMap((ref) => (ref ? featuresOn(ref.layer, ref.collection, date).filter(isArea) : []));
  const [road] = lines;
  const [land] = areas;
  if (!road) return reader.fail(`${field}.line`, `layer "${line.layer.id}" draws no line on ${date}`);
  if (!land || areas.length > 1)
    return reader.fail(
      `${field}.area`,
      `layer "${area.layer.id}" must draw exactly one area (narrow it with "areaWhere"), found ${areas.length}`,
    );
  const side = areaMinus(land, holes);
  const { lengthKm, withinKm, share } = lineShareWithinRange(road, side, rangeKm);
  const percent = Math.round(share * 100);
  return {
    value: percent,
    unit: '%',
    text: `${percent}%`,
    detail: `${formatNumber(withinKm, 1)} of ${formatNumber(lengthKm, 1)} km within ${formatNumber(rangeKm)} km on ${date}; ${assumption}`,
  };
}

function isArea(feature: Feature): feature is Feature<Polygon | MultiPolygon> {
  return feature.geometry?.type === 'Polygon' || feature.geometry?.type === 'MultiPolygon';
}

/**
 * Replaces `{figure:ID}` in a note with the figure's text; unknown IDs are recorded as problems at `field`.
 */
export function fillFigures(
  note: string,
  figures: readonly Figure[],
  file: string,
  field: string,
  problems: StoryProblem[],
): string {
  return note.replace(PLACEHOLDER, (match, id: string) => {
    const figure = figures.find((candidate) => candidate.id === id);
    if (figure) return figure.text;
    problems.push({
      file,
      field,
      message: `unknown figure "${id}" (figures.json has ${figures.map((f) => f.id).join(', ') || 'none'})`,
    });
    return match;
  });
}
