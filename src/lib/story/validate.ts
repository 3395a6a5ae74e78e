// The trust boundary: turns the untrusted files of a story folder into the typed Story model, or fails with every
// problem named by file and field. Nothing reaches the page or the map without passing through here.
import { StoryError, type StoryProblem } from './errors.ts';
import { ACCURACIES, AS_OF_PATTERN, FieldReader, ID_PATTERN } from './fields.ts';
import { passagesByPlace } from './mentions.ts';
import { STYLE_NAMES } from '../cartography/styles.ts';
import type {
  CameraSpec,
  LngLat,
  Layer,
  LayerKind,
  Passage,
  PassageRole,
  Place,
  PlaceKind,
  Provenance,
  Step,
  Story,
  StoryMeta,
  WhereValue,
} from './types.ts';

/** The raw contents of a story folder's JSON files, parsed but not trusted. */
export interface StoryFiles {
  'story.json': unknown;
  'article.json': unknown;
  'places.json': unknown;
  'layers.json': unknown;
  'steps.json': unknown;
}

export const STORY_FILE_NAMES = ['story.json', 'article.json', 'places.json', 'layers.json', 'steps.json'] as const;

const PASSAGE_ROLES: readonly PassageRole[] = ['headline', 'dek', 'paragraph'];
const PLACE_KINDS: readonly PlaceKind[] = ['region', 'town', 'city', 'line', 'front'];
const LAYER_KINDS: readonly LayerKind[] = ['fill', 'line', 'circle', 'label'];
const GEO_FILE_PATTERN = /^geo\/[a-z0-9][a-z0-9-]*\.geojson$/;

/**
 * Validates a whole story. Returns the typed model, or throws a StoryError listing every problem.
 * @param files the parsed JSON of each story file
 * @param folder the story folder, used only to prefix file names in messages
 */
export function validateStory(files: StoryFiles, folder = ''): Story {
  const problems: StoryProblem[] = [];
  const meta = readMeta(new FieldReader('story.json', problems), files['story.json']);
  const passages = readPassages(new FieldReader('article.json', problems), files['article.json']);
  const layers = readLayers(new FieldReader('layers.json', problems), files['layers.json']);
  const places = readPlaces(new FieldReader('places.json', problems), files['places.json'], layers);
  const steps = readSteps(new FieldReader('steps.json', problems), files['steps.json'], { passages, places, layers });
  if (meta?.locator && layers && !layers.some((layer) => layer.id === meta.locator?.layer)) {
    problems.push({ file: 'story.json', field: 'locator.layer', message: `unknown layer "${meta.locator.layer}"` });
  }
  if (problems.length > 0 || !meta || !passages || !layers || !places || !steps) throw new StoryError(problems, folder);
  return { meta, passages, places, layers, steps, figures: [] };
}

function readMeta(reader: FieldReader, raw: unknown): StoryMeta | undefined {
  const story = reader.object(raw, '');
  if (!story) return undefined;
  const id = reader.string(story.id, 'id', {
    pattern: ID_PATTERN,
    hint: 'a lower-case slug (letters, digits, hyphens)',
  });
  const lang = reader.string(story.lang, 'lang', {
    pattern: /^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$/,
    hint: 'a language tag such as "en"',
  });
  const articleCredit = reader.string(story.articleCredit, 'articleCredit', { max: 300 });
  const credits = reader.array(story.credits, 'credits', { minLength: 1 })
    ? reader.strings(story.credits, 'credits')
    : undefined;
  const mapCredit = reader.string(story.mapCredit, 'mapCredit', { max: 300 });
  const locatorRaw = story.locator === undefined ? undefined : reader.object(story.locator, 'locator');
  const locatorBounds = locatorRaw && reader.bounds(locatorRaw.bounds, 'locator.bounds');
  const locatorLayer =
    locatorRaw && reader.string(locatorRaw.layer, 'locator.layer', { pattern: ID_PATTERN, hint: 'a layer ID' });
  if (story.locator !== undefined && (!locatorBounds || !locatorLayer)) return undefined;
  if (!id || !lang || !articleCredit || !credits || !mapCredit) return undefined;
  return {
    id,
    lang,
    articleCredit,
    credits,
    mapCredit,
    ...(locatorBounds && locatorLayer && { locator: { bounds: locatorBounds, layer: locatorLayer } }),
  };
}

function readPassages(reader: FieldReader, raw: unknown): Passage[] | undefined {
  return reader.items(raw, 'passages', (passage, field, id) => {
    const role = reader.oneOf(passage.role, `${field}.role`, PASSAGE_ROLES);
    const text = reader.string(passage.text, `${field}.text`);
    return id && role && text ? { id, role, text } : undefined;
  });
}

function readProvenance(reader: FieldReader, item: Record<string, unknown>, field: string): Provenance | undefined {
  const source = reader.string(item.source, `${field}.source`, { max: 500 });
  const licence = reader.string(item.licence, `${field}.licence`, { max: 300 });
  const date = reader.string(item.date, `${field}.date`, {
    pattern: AS_OF_PATTERN,
    hint: 'a date (YYYY-MM-DD) or snapshot time (YYYY-MM-DDTHH:MMZ)',
  });
  const accuracy = reader.oneOf(item.accuracy, `${field}.accuracy`, ACCURACIES);
  if (!source || !licence || !date || !accuracy) return undefined;
  return { source, licence, date, accuracy };
}

function readLayers(reader: FieldReader, raw: unknown): Layer[] | undefined {
  return reader.items(raw, 'layers', (layer, field, id): Layer | undefined => {
    const name = reader.string(layer.name, `${field}.name`, { max: 120 });
    const kind = reader.oneOf(layer.kind, `${field}.kind`, LAYER_KINDS);
    const path = reader.string(layer.file, `${field}.file`, {
      pattern: GEO_FILE_PATTERN,
      hint: 'a file in the story\'s geo/ folder, e.g. "geo/land.geojson"',
    });
    const style = reader.oneOf(layer.style, `${field}.style`, STYLE_NAMES);
    const base = reader.boolean(layer.base, `${field}.base`, false);
    const dated = reader.boolean(layer.dated, `${field}.dated`, false);
    const minzoom =
      layer.minzoom === undefined ? undefined : reader.number(layer.minzoom, `${field}.minzoom`, { min: 0, max: 24 });
    const maxzoom =
      layer.maxzoom === undefined ? undefined : reader.number(layer.maxzoom, `${field}.maxzoom`, { min: 0, max: 24 });
    const labelField = reader.optionalString(layer.labelField, `${field}.labelField`, {
      pattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
      hint: 'a property name',
    });
    const caveat = reader.optionalString(layer.caveat, `${field}.caveat`, { max: 200 });
    const where = layer.where === undefined ? undefined : readWhere(reader, layer.where, `${field}.where`);
    const provenance = readProvenance(reader, layer, field);
    if (minzoom !== undefined && maxzoom !== undefined && minzoom >= maxzoom)
      reader.fail(`${field}.maxzoom`, 'must be greater than minzoom');
    if (kind === 'label' && !labelField)
      reader.fail(`${field}.labelField`, 'a label layer needs the property that holds its text');
    if (!id || !name || !kind || !path || !style || !provenance) return undefined;
    return {
      id,
      name,
      kind,
      file: path,
      style,
      base,
      dated,
      ...provenance,
      ...(minzoom !== undefined && { minzoom }),
      ...(maxzoom !== undefined && { maxzoom }),
      ...(labelField && { labelField }),
      ...(caveat && { caveat }),
      ...(where && { where }),
    };
  });
}

function readWhere(reader: FieldReader, raw: unknown, field: string): Record<string, WhereValue> | undefined {
  const where = reader.object(raw, field);
  if (!where) return undefined;
  const scalar = (value: unknown): boolean => ['string', 'number', 'boolean'].includes(typeof value);
  for (const [key, value] of Object.entries(where)) {
    if (Array.isArray(value) ? value.length === 0 || !value.every(scalar) : !scalar(value))
      return reader.fail(`${field}.${key}`, 'expected text, a number, true/false, or a non-empty list of them');
  }
  return where as Record<string, WhereValue>;
}

function readPlaces(reader: FieldReader, raw: unknown, layers: Layer[] | undefined): Place[] | undefined {
  return reader.items(raw, 'places', (place, field, id): Place | undefined => {
    const name = reader.string(place.name, `${field}.name`, { max: 120 });
    const aliases = reader.strings(place.aliases, `${field}.aliases`);
    const kind = reader.oneOf(place.kind, `${field}.kind`, PLACE_KINDS);
    const anchor = reader.lngLat(place.anchor, `${field}.anchor`);
    const bounds = place.bounds === undefined ? undefined : reader.bounds(place.bounds, `${field}.bounds`);
    const zoom = place.zoom === undefined ? undefined : reader.number(place.zoom, `${field}.zoom`, { min: 0, max: 22 });
    const description = reader.string(place.description, `${field}.description`, { max: 600 });
    const shape = place.shape === undefined ? undefined : readShape(reader, place.shape, `${field}.shape`, layers);
    const provenance = readProvenance(reader, place, field);
    if (!id || !name || !aliases || !kind || !anchor || !description || !provenance) return undefined;
    if ((place.bounds !== undefined && !bounds) || (place.shape !== undefined && !shape)) return undefined;
    return {
      id,
      name,
      aliases,
      kind,
      anchor,
      description,
      ...provenance,
      ...(bounds && { bounds }),
      ...(zoom !== undefined && { zoom }),
      ...(shape && { shape }),
    };
  });
}

function readShape(reader: FieldReader, raw: unknown, field: string, layers: Layer[] | undefined): Place['shape'] {
  const shape = reader.object(raw, field);
  if (!shape) return undefined;
  const layer = reader.string(shape.layer, `${field}.layer`, { pattern: ID_PATTERN, hint: 'a layer ID' });
  const feature = reader.string(shape.feature, `${field}.feature`, { max: 120 });
  if (!layer || !feature) return undefined;
  if (layers && !layers.some((candidate) => candidate.id === layer))
    return reader.fail(`${field}.layer`, `unknown layer "${layer}"`);
  return { layer, feature };
}

interface StepContext {
  passages: Passage[] | undefined;
  places: Place[] | undefined;
  layers: Layer[] | undefined;
}

function readSteps(reader: FieldReader, raw: unknown, context: StepContext): Step[] | undefined {
  const passageOrder = new Map((context.passages ?? []).map((passage, index) => [passage.id, index]));
  const placeIds = new Set((context.places ?? []).map((place) => place.id));
  const layerById = new Map((context.layers ?? []).map((layer) => [layer.id, layer]));
  let lastPassageIndex = -1;

  const steps = reader.items(raw, 'steps', (step, field, id): Step | undefined => {
    const passages = reader.array(step.passages, `${field}.passages`, { minLength: 1 })
      ? reader.strings(step.passages, `${field}.passages`)
      : undefined;
    let passagesOk = Boolean(passages);
    passages?.forEach((passageId, passageIndex) => {
      const position = passageOrder.get(passageId);
      if (context.passages && position === undefined) {
        passagesOk = false;
        reader.fail(
          `${field}.passages[${passageIndex}]`,
          `unknown passage "${passageId}" (article.json has ${[...passageOrder.keys()].join(', ')})`,
        );
      } else if (position !== undefined) {
        // A step wraps its passages on the page, so each passage belongs to one step and the article keeps its order.
        if (position <= lastPassageIndex) {
          passagesOk = false;
          reader.fail(
            `${field}.passages[${passageIndex}]`,
            `"${passageId}" comes before a passage of an earlier step, or is linked twice: steps must follow the article's order and each passage belongs to one step`,
          );
        }
        lastPassageIndex = Math.max(lastPassageIndex, position);
      }
    });

    const quote = reader.optionalString(step.quote, `${field}.quote`, { max: 1000 });
    if (quote && passages && passagesOk && context.passages) {
      const texts = context.passages.filter((passage) => passages.includes(passage.id)).map((passage) => passage.text);
      if (!texts.some((text) => text.includes(quote)))
        reader.fail(`${field}.quote`, "is not a verbatim part of the step's passages");
    }

    const camera = readCamera(reader, step.camera, `${field}.camera`, placeIds);
    const layers = reader.strings(step.layers, `${field}.layers`);
    layers?.forEach((layerId, layerIndex) => {
      const layer = layerById.get(layerId);
      if (context.layers && !layer) reader.fail(`${field}.layers[${layerIndex}]`, `unknown layer "${layerId}"`);
      else if (layer?.base)
        reader.fail(
          `${field}.layers[${layerIndex}]`,
          `"${layerId}" is a base layer, always shown; list only story layers`,
        );
    });
    const emphasis = reader.strings(step.emphasis, `${field}.emphasis`);
    emphasis?.forEach((placeId, placeIndex) => {
      if (context.places && !placeIds.has(placeId))
        reader.fail(`${field}.emphasis[${placeIndex}]`, `unknown place "${placeId}"`);
    });
    const date = step.date === undefined ? undefined : reader.calendarDate(step.date, `${field}.date`);
    const showsDated = layers?.some((layerId) => layerById.get(layerId)?.dated);
    if (showsDated && step.date === undefined)
      reader.fail(`${field}.date`, 'the step shows a dated layer, so it needs a date');
    const note = reader.optionalString(step.note, `${field}.note`, { max: 1200 });
    const alt = reader.optionalString(step.alt, `${field}.alt`, { max: 1200 });
    let labels: Record<string, LngLat> | undefined;
    if (step.labels !== undefined) {
      if (typeof step.labels !== 'object' || step.labels === null || Array.isArray(step.labels))
        reader.fail(`${field}.labels`, 'expected an object of place ID → [longitude, latitude]');
      else {
        labels = {};
        for (const [placeId, value] of Object.entries(step.labels as Record<string, unknown>)) {
          if (context.places && !placeIds.has(placeId))
            reader.fail(`${field}.labels.${placeId}`, `unknown place "${placeId}"`);
          const at = reader.lngLat(value, `${field}.labels.${placeId}`);
          if (at) labels[placeId] = at;
        }
      }
    }

    if (!id || !passages || !passagesOk || !camera || !layers || !emphasis) return undefined;
    return {
      id,
      passages,
      camera,
      layers,
      emphasis,
      ...(quote && { quote }),
      ...(date && { date }),
      ...(note && { note }),
      ...(alt && { alt }),
      ...(labels && Object.keys(labels).length > 0 && { labels }),
    };
  });

  if (steps && context.passages && context.places) {
    const linked = new Set(steps.flatMap((step) => step.passages));
    const namedIn = new Set([...passagesByPlace(context.passages, context.places).values()].flat());
    for (const passage of context.passages) {
      if (passage.role === 'paragraph' && namedIn.has(passage.id) && !linked.has(passage.id)) {
        reader.fail('steps', `paragraph "${passage.id}" names a place but no step is linked to it`);
      }
    }
  }
  return steps;
}

function readCamera(reader: FieldReader, raw: unknown, field: string, placeIds: Set<string>): CameraSpec | undefined {
  const camera = reader.object(raw, field);
  if (!camera) return undefined;
  if ('center' in camera) {
    const center = reader.lngLat(camera.center, `${field}.center`);
    const zoom = reader.number(camera.zoom, `${field}.zoom`, { min: 0, max: 22 });
    const bearing =
      camera.bearing === undefined ? 0 : reader.number(camera.bearing, `${field}.bearing`, { min: -360, max: 360 });
    const pitch = camera.pitch === undefined ? 0 : reader.number(camera.pitch, `${field}.pitch`, { min: 0, max: 60 });
    if (!center || zoom === undefined || bearing === undefined || pitch === undefined) return undefined;
    return { center, zoom, ...(bearing && { bearing }), ...(pitch && { pitch }) };
  }
  if ('fit' in camera) {
    const fit = reader.object(camera.fit, `${field}.fit`);
    if (!fit) return undefined;
    const places = fit.places === undefined ? undefined : reader.strings(fit.places, `${field}.fit.places`);
    places?.forEach((placeId, index) => {
      if (placeIds.size > 0 && !placeIds.has(placeId))
        reader.fail(`${field}.fit.places[${index}]`, `unknown place "${placeId}"`);
    });
    const bounds = fit.bounds === undefined ? undefined : reader.bounds(fit.bounds, `${field}.fit.bounds`);
    if (!places?.length && !bounds) return reader.fail(`${field}.fit`, 'needs places or bounds to fit');
    const padding =
      camera.padding === undefined
        ? undefined
        : reader.number(camera.padding, `${field}.padding`, { min: 0, max: 400 });
    const maxZoom =
      camera.maxZoom === undefined ? undefined : reader.number(camera.maxZoom, `${field}.maxZoom`, { min: 0, max: 22 });
    if ((fit.places !== undefined && !places) || (fit.bounds !== undefined && !bounds)) return undefined;
    if (
      (camera.padding !== undefined && padding === undefined) ||
      (camera.maxZoom !== undefined && maxZoom === undefined)
    )
      return undefined;
    return {
      fit: { ...(places?.length && { places }), ...(bounds && { bounds }) },
      ...(padding !== undefined && { padding }),
      ...(maxZoom !== undefined && { maxZoom }),
    };
  }
  return reader.fail(field, 'expected {center, zoom} or {fit: {places, bounds}}');
}
