// Links places to the article: finds where a passage names a place (by name or alias) and cuts the passage into
// parts that the page renders as plain text, place links and the highlighted quote of a step.
import type { Passage, Place, Step } from './types.ts';

/** A run of passage text. Concatenating every part's text gives the passage back, verbatim. */
export interface PassagePart {
  text: string;
  /** Set when this run names a place: rendered as a link that selects it. */
  placeId?: string;
  /** Set when this run lies inside a step's quote: highlighted while that step is active. */
  quoteOf?: string;
}

interface Mention {
  start: number;
  end: number;
  placeId: string;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Every place mention in a text, longest term first where two overlap, in text order. */
export function findMentions(text: string, places: readonly Place[]): Mention[] {
  const candidates: Mention[] = [];
  for (const place of places) {
    for (const term of [place.name, ...place.aliases]) {
      let from = 0;
      for (let at = text.indexOf(term, from); at !== -1; at = text.indexOf(term, from)) {
        const end = at + term.length;
        // Whole words only: "Sumy" must not match inside "Sumyn…".
        const before = at > 0 ? text.charAt(at - 1) : '';
        const after = end < text.length ? text.charAt(end) : '';
        if (!LETTER_OR_DIGIT.test(before) && !LETTER_OR_DIGIT.test(after))
          candidates.push({ start: at, end, placeId: place.id });
        from = at + 1;
      }
    }
  }
  candidates.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const mentions: Mention[] = [];
  let reached = 0;
  for (const mention of candidates) {
    if (mention.start >= reached) {
      mentions.push(mention);
      reached = mention.end;
    }
  }
  return mentions;
}

/** IDs of the places a text names, in order of first mention, each once. */
export function placesNamedIn(text: string, places: readonly Place[]): string[] {
  return [...new Set(findMentions(text, places).map((mention) => mention.placeId))];
}

/** For each place, the passages that name it, in article order. */
export function passagesByPlace(passages: readonly Passage[], places: readonly Place[]): Map<string, string[]> {
  const index = new Map<string, string[]>(places.map((place) => [place.id, []]));
  for (const passage of passages) {
    for (const placeId of placesNamedIn(passage.text, places)) index.get(placeId)?.push(passage.id);
  }
  return index;
}

/** Cuts a passage into parts: place mentions become links, the quote of a step that is linked to it is marked. */
export function partsOfPassage(passage: Passage, places: readonly Place[], steps: readonly Step[]): PassagePart[] {
  const text = passage.text;
  const cuts = new Set<number>([0, text.length]);
  const quotes: { start: number; end: number; stepId: string }[] = [];
  for (const step of steps) {
    if (!step.quote || !step.passages.includes(passage.id)) continue;
    const start = text.indexOf(step.quote);
    if (start === -1) continue;
    quotes.push({ start, end: start + step.quote.length, stepId: step.id });
    cuts.add(start).add(start + step.quote.length);
  }
  const mentions = findMentions(text, places);
  for (const mention of mentions) cuts.add(mention.start).add(mention.end);

  const points = [...cuts].sort((a, b) => a - b);
  const parts: PassagePart[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    if (end <= start) continue;
    const part: PassagePart = { text: text.slice(start, end) };
    const mention = mentions.find((m) => m.start <= start && end <= m.end);
    if (mention) part.placeId = mention.placeId;
    const quote = quotes.find((q) => q.start <= start && end <= q.end);
    if (quote) part.quoteOf = quote.stepId;
    const previous = parts[parts.length - 1];
    // Runs cut only by a boundary that belongs to neither attribute merge back, so a mention stays one link.
    if (previous && previous.placeId === part.placeId && previous.quoteOf === part.quoteOf && !part.placeId)
      previous.text += part.text;
    else parts.push(part);
  }
  return parts;
}

/** Splits a passage into sentences (on ., ! or ? followed by space and a capital or a quote). */
export function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?]["”]?)\s+(?=["“A-Z])/u).filter((sentence) => sentence.trim() !== '');
}

/** An excerpt of the article about a place: the passage and its first sentence that names the place. */
export interface PlaceExcerpt {
  passageId: string;
  sentence: string;
}

/** For a place, one excerpt per passage that names it, in article order: what the place card shows. */
export function excerptsFor(place: Place, passages: readonly Passage[], places: readonly Place[]): PlaceExcerpt[] {
  const excerpts: PlaceExcerpt[] = [];
  for (const passage of passages) {
    const sentence = sentencesOf(passage.text).find((candidate) => placesNamedIn(candidate, places).includes(place.id));
    if (sentence) excerpts.push({ passageId: passage.id, sentence });
    else if (placesNamedIn(passage.text, places).includes(place.id))
      excerpts.push({ passageId: passage.id, sentence: passage.text });
  }
  return excerpts;
}
