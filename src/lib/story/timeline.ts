// The story's timeline (timeline.json): the dated series behind the area chart, the article's date and key events.
import { ACCURACIES, FieldReader, ID_PATTERN } from './fields.ts';
import { STYLE_NAMES } from '../cartography/styles.ts';
import type { StoryProblem } from './errors.ts';
import type { Layer, Timeline, TimelineEvent } from './types.ts';

/** Validates timeline.json against the story's layers. Returns undefined (with problems recorded) when invalid. */
export function readTimeline(raw: unknown, layers: readonly Layer[], problems: StoryProblem[]): Timeline | undefined {
  const reader = new FieldReader('timeline.json', problems);
  const timeline = reader.object(raw, '');
  if (!timeline) return undefined;
  const layer = reader.string(timeline.layer, 'layer', { pattern: ID_PATTERN, hint: 'a layer ID' });
  if (layer && !layers.some((candidate) => candidate.id === layer && candidate.dated))
    reader.fail('layer', `"${layer}" is not a dated layer of layers.json`);
  const file = reader.string(timeline.file, 'file', {
    pattern: /^series\/[a-z0-9][a-z0-9-]*\.csv$/,
    hint: "a CSV file in the story's series/ folder",
  });
  const name = reader.string(timeline.name, 'name', { max: 120 });
  const articleDate = reader.calendarDate(timeline.articleDate, 'articleDate');
  const dateLabel = reader.optionalString(timeline.dateLabel, 'dateLabel', { max: 60 });
  const source = reader.string(timeline.source, 'source', { max: 500 });
  const licence = reader.string(timeline.licence, 'licence', { max: 300 });
  const date = reader.string(timeline.date, 'date', { max: 40 });
  const accuracy = reader.oneOf(timeline.accuracy, 'accuracy', ACCURACIES);
  const columnList = reader.array(timeline.columns, 'columns', { minLength: 1 });
  const columns = (columnList ?? []).map((item, index) => {
    const column = reader.object(item, `columns[${index}]`);
    const id =
      column &&
      reader.string(column.id, `columns[${index}].id`, { pattern: /^[a-z0-9_]+$/, hint: 'a CSV column name' });
    const columnName = column && reader.string(column.name, `columns[${index}].name`, { max: 80 });
    const style = column && reader.oneOf(column.style, `columns[${index}].style`, STYLE_NAMES);
    return id && columnName && style ? { id, name: columnName, style } : undefined;
  });
  const eventList = reader.array(timeline.events, 'events');
  const events = (eventList ?? []).map((item, index): TimelineEvent | undefined => {
    const event = reader.object(item, `events[${index}]`);
    const eventDate = event && reader.calendarDate(event.date, `events[${index}].date`);
    const label = event && reader.string(event.label, `events[${index}].label`, { max: 120 });
    const eventSource = event && reader.string(event.source, `events[${index}].source`, { max: 300 });
    return eventDate && label && eventSource ? { date: eventDate, label, source: eventSource } : undefined;
  });
  if (
    !layer ||
    !file ||
    !name ||
    !articleDate ||
    !source ||
    !licence ||
    !date ||
    !accuracy ||
    !columnList ||
    !eventList
  )
    return undefined;
  if (columns.some((column) => !column) || events.some((event) => !event)) return undefined;
  return {
    layer,
    file,
    name,
    articleDate,
    ...(dateLabel !== undefined && { dateLabel }),
    source,
    licence,
    date,
    accuracy,
    columns: columns.filter((column) => column !== undefined),
    events: events.filter((event) => event !== undefined),
  };
}
