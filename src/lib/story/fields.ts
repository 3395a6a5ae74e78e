// Small readers that turn `unknown` JSON values into typed values, recording a problem (file + field) instead of throwing,
// so one pass over a file reports everything that is wrong with it.
import type { StoryProblem } from './errors.ts';
import type { Accuracy, Bounds, LngLat } from './types.ts';

/** Longest string accepted anywhere in story data: long enough for a paragraph, short enough to stop garbage. */
export const MAX_TEXT_LENGTH = 5000;

/** Reads fields of one story file and records what is wrong with them. */
export class FieldReader {
  constructor(
    readonly file: string,
    private readonly problems: StoryProblem[],
  ) {}

  /** Records a problem at a field. */
  fail(field: string, message: string): undefined {
    this.problems.push({ file: this.file, field, message });
    return undefined;
  }

  object(value: unknown, field: string): Record<string, unknown> | undefined {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    return this.fail(field, `expected an object, got ${describe(value)}`);
  }

  array(value: unknown, field: string, { minLength = 0 } = {}): unknown[] | undefined {
    if (!Array.isArray(value)) return this.fail(field, `expected a list, got ${describe(value)}`);
    if (value.length < minLength)
      return this.fail(field, `expected at least ${minLength} item${minLength === 1 ? '' : 's'}, got ${value.length}`);
    return value;
  }

  string(
    value: unknown,
    field: string,
    { pattern, max = MAX_TEXT_LENGTH, hint }: { pattern?: RegExp; max?: number; hint?: string } = {},
  ): string | undefined {
    if (typeof value !== 'string') return this.fail(field, `expected text, got ${describe(value)}`);
    if (value.trim() === '') return this.fail(field, 'must not be empty');
    if (value.length > max) return this.fail(field, `is ${value.length} characters long; at most ${max} are allowed`);
    const unshowable = UNSHOWABLE.exec(value);
    if (unshowable)
      return this.fail(
        field,
        `holds ${unshowableName(unshowable[0])} at character ${unshowable.index + 1}, which a web page cannot show as written`,
      );
    if (pattern && !pattern.test(value))
      return this.fail(field, `"${clip(value)}" is not ${hint ?? `of the form ${pattern}`}`);
    return value;
  }

  optionalString(
    value: unknown,
    field: string,
    options: { pattern?: RegExp; max?: number; hint?: string } = {},
  ): string | undefined {
    return value === undefined ? undefined : this.string(value, field, options);
  }

  /** A calendar date written YYYY-MM-DD. */
  calendarDate(value: unknown, field: string): string | undefined {
    const date = this.string(value, field, { pattern: DATE_PATTERN, hint: 'a date (YYYY-MM-DD)' });
    if (date && !isCalendarDate(date)) return this.fail(field, `"${date}" is not a calendar date`);
    return date;
  }

  number(value: unknown, field: string, { min = -Infinity, max = Infinity } = {}): number | undefined {
    if (typeof value !== 'number' || !Number.isFinite(value))
      return this.fail(field, `expected a number, got ${describe(value)}`);
    if (value < min || value > max) return this.fail(field, `${value} is out of range (${min} to ${max})`);
    return value;
  }

  boolean(value: unknown, field: string, fallback: boolean): boolean {
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    this.fail(field, `expected true or false, got ${describe(value)}`);
    return fallback;
  }

  oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T | undefined {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    return this.fail(field, `expected one of ${allowed.join(', ')}, got ${describe(value)}`);
  }

  /**
   * The list under `key` of a file whose items are objects with unique slug IDs (passages, places, layers, steps,
   * figures). `readItem` reads the rest of each item, given its ID when the ID is valid; the list comes back only
   * when every item was read, so one bad item cannot slip a partial story through.
   */
  items<T>(
    raw: unknown,
    key: string,
    readItem: (item: Record<string, unknown>, field: string, id: string | undefined) => T | undefined,
    { minLength = 1 } = {},
  ): T[] | undefined {
    const file = this.object(raw, '');
    const list = file && this.array(file[key], key, { minLength });
    if (!list) return undefined;
    const items: T[] = [];
    const seen = new Set<string>();
    list.forEach((entry, index) => {
      const field = `${key}[${index}]`;
      const item = this.object(entry, field);
      if (!item) return;
      const id = this.string(item.id, `${field}.id`, {
        pattern: ID_PATTERN,
        hint: 'a lower-case slug (letters, digits, hyphens)',
      });
      if (id && seen.has(id)) this.fail(`${field}.id`, `"${id}" is used twice`);
      if (id) seen.add(id);
      const read = readItem(item, field, id);
      if (read !== undefined) items.push(read);
    });
    return items.length === list.length ? items : undefined;
  }

  /** A [longitude, latitude] pair in degrees. */
  lngLat(value: unknown, field: string): LngLat | undefined {
    const pair = this.array(value, field);
    if (!pair) return undefined;
    if (pair.length !== 2) return this.fail(field, `expected [longitude, latitude], got ${pair.length} numbers`);
    const lng = this.number(pair[0], `${field}[0]`, { min: -180, max: 180 });
    const lat = this.number(pair[1], `${field}[1]`, { min: -90, max: 90 });
    return lng === undefined || lat === undefined ? undefined : [lng, lat];
  }

  /** A [west, south, east, north] box in degrees. */
  bounds(value: unknown, field: string): Bounds | undefined {
    const box = this.array(value, field);
    if (!box) return undefined;
    if (box.length !== 4) return this.fail(field, `expected [west, south, east, north], got ${box.length} numbers`);
    const west = this.number(box[0], `${field}[0]`, { min: -180, max: 180 });
    const south = this.number(box[1], `${field}[1]`, { min: -90, max: 90 });
    const east = this.number(box[2], `${field}[2]`, { min: -180, max: 180 });
    const north = this.number(box[3], `${field}[3]`, { min: -90, max: 90 });
    if (west === undefined || south === undefined || east === undefined || north === undefined) return undefined;
    if (west >= east || south >= north)
      return this.fail(field, 'west must be less than east and south less than north');
    return [west, south, east, north];
  }

  /** A list of strings (possibly empty). */
  strings(value: unknown, field: string, options: { pattern?: RegExp; hint?: string } = {}): string[] | undefined {
    if (value === undefined) return [];
    const list = this.array(value, field);
    if (!list) return undefined;
    const out: string[] = [];
    list.forEach((item, index) => {
      const text = this.string(item, `${field}[${index}]`, options);
      if (text !== undefined) out.push(text);
    });
    return out.length === list.length ? out : undefined;
  }
}

/** How sure a feature's position is: the values every provenance's `accuracy` may take. */
export const ACCURACIES: readonly Accuracy[] = ['exact', 'approximate', 'schematic'];

/** IDs are lower-case slugs so they work in URLs (#step-ID) and attributes. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar date, or a snapshot time (YYYY-MM-DDTHH:MMZ), or a bare year or month. */
export const AS_OF_PATTERN = /^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?Z)?)?)?$/;

/** True when a YYYY-MM-DD string names a real calendar day. */
export function isCalendarDate(text: string): boolean {
  if (!DATE_PATTERN.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/**
 * Characters an HTML page drops or replaces: NUL (the parser discards it) and a lone UTF-16 surrogate (no UTF-8
 * encoding exists for it). Every other character, `$` patterns and markup included, reaches the page as written.
 */
// eslint-disable-next-line no-control-regex -- NUL is what this refuses.
const UNSHOWABLE = /\u0000|\p{Cs}/u;

function unshowableName(character: string): string {
  return character === '\u0000'
    ? 'a NUL character (U+0000)'
    : `a lone surrogate (U+${character.charCodeAt(0).toString(16).toUpperCase()})`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `"${clip(value)}"`;
  if (typeof value === 'number') return String(value);
  return typeof value === 'object' ? 'an object' : typeof value;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
