// The story kit, end to end: an article file in, a validated draft story folder out, and a report of what was
// found. Each concern lives in its own module (article, gazetteer, places, baseLayers, steps, storyFiles,
// writeFolder, report); this one only runs them in order.
import { readFileSync } from 'node:fs';
import { decodeArticle, parseArticle, type ParsedArticle } from './article.ts';
import { loadGazetteer, type City } from './gazetteer.ts';
import { findPlaces, type PlaceFinding } from './places.ts';
import { cutBaseLayers, storyArea, type BaseLayers } from './baseLayers.ts';
import { draftSteps } from './steps.ts';
import { storyFiles, storyPlace } from './storyFiles.ts';
import { KitError, writeStoryFolder } from './writeFolder.ts';
import { formatReport } from './report.ts';
import type { Place, Step } from '../../lib/story/types.ts';

/** A draft story in memory: its files and what they were made from. */
export interface Draft {
  article: ParsedArticle;
  finding: PlaceFinding;
  places: Place[];
  steps: Step[];
  base: BaseLayers;
  files: Map<string, string>;
}

/**
 * Drafts a story from an article's text, without writing anything.
 * @param text the article (plain text or ArchieML)
 * @param articleFile the article's name, for messages and the credit line
 * @param folder the story folder it is meant for (its name becomes the story ID)
 * @throws ArticleError for an article that cannot be read; KitError when it names no place the kit can find
 */
export function draftStory(text: string, articleFile: string, folder: string): Draft {
  const article = parseArticle(text, articleFile);
  const gazetteer = loadGazetteer();
  const finding = findPlaces(article.passages, gazetteer);
  if (finding.places.length === 0) {
    const dropped = finding.dropped.map((word) => `"${word.text}" (${word.reason})`).join(', ');
    const missing = finding.missing.map((word) => `"${word.text}"`).join(', ');
    throw new KitError(
      `${articleFile}: no place found that the map can show; a story needs at least one.` +
        (dropped ? ` Dropped: ${dropped}.` : '') +
        (missing ? ` Not in the gazetteer: ${missing}.` : ''),
    );
  }
  const cities = finding.places
    .map((place) => place.chosen.candidate)
    .flatMap((candidate): City[] => (candidate.kind === 'city' ? [candidate.city] : []));
  const countries = finding.places
    .map((place) => place.chosen.candidate)
    .flatMap((candidate) => (candidate.kind === 'country' ? [candidate.country.mainland] : []));
  const base = cutBaseLayers(
    storyArea(
      cities.map((city) => city.lngLat),
      countries,
    ),
    gazetteer,
    cities,
  );
  const places = finding.places.map((found) => storyPlace(found, gazetteer, base));
  const steps = draftSteps(article.passages, places);
  const files = storyFiles({ folder, articleFile, passages: article.passages, places, steps, base });
  return { article, finding, places, steps, base, files };
}

/** What newStory did. */
export interface NewStoryResult {
  draft: Draft;
  report: string;
  elapsedMs: number;
}

/**
 * Reads an article file, drafts its story and writes it to `target` atomically (validated before it appears).
 * @param options.force replace an existing folder
 * @param options.timing put the elapsed time in the report (off in tests, which compare reports)
 */
export function newStory(
  articleFile: string,
  target: string,
  options: { force?: boolean; timing?: boolean } = {},
): NewStoryResult {
  const started = performance.now();
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(articleFile);
  } catch (error) {
    throw new KitError(
      `${articleFile}: cannot read the article (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  const text = decodeArticle(bytes, articleFile);
  const draft = draftStory(text, articleFile, target);
  writeStoryFolder(target, draft.files, { force: options.force ?? false });
  const elapsedMs = performance.now() - started;
  const sizes = new Map([...draft.files].map(([path, contents]) => [path, Buffer.byteLength(contents)]));
  const report = formatReport({
    articleFile,
    format: draft.article.format,
    target,
    passages: draft.article.passages.length,
    warnings: draft.article.warnings,
    finding: draft.finding,
    places: draft.places,
    steps: draft.steps,
    base: draft.base,
    gazetteer: loadGazetteer(),
    sizes,
    ...(options.timing && { elapsedMs }),
  });
  return { draft, report, elapsedMs };
}
