// Finds the places an article names, in the article's own spelling, and decides which gazetteer entry each one is.
// Three passes: (1) every country name and every capitalised phrase the gazetteer knows, with its candidates;
// (2) words that only look like places are dropped, each with the reason (months, sentence-initial capitals, common
// words, parts of people's names, tiny namesakes far from the story); (3) a name with several candidates (Paris,
// Odessa, Tripoli) is resolved from context: a country or US state named near it, distance to the story's other
// places, population. Everything is decided by rules the report can explain, in article order, so the same article
// always gives the same places.
import { MONTHS } from '../../lib/format.ts';
import type { Passage } from '../../lib/story/types.ts';
import { EXONYMS, foldName, slug, transliterationKey, type City, type Country, type Gazetteer } from './gazetteer.ts';

/** How a name matched its gazetteer entry. */
export type MatchTier = 'country' | 'exact' | 'exonym' | 'folded' | 'transliteration';

/** One gazetteer entry a name may mean. */
export type Candidate =
  { kind: 'city'; city: City; tier: MatchTier } | { kind: 'country'; country: Country; tier: 'country' };

/** One place in the text. */
export interface Occurrence {
  passageId: string;
  start: number;
  end: number;
  /** The words as the article writes them. */
  text: string;
}

/** A candidate with its score and the reasons for it. */
export interface WeighedCandidate {
  candidate: Candidate;
  score: number;
  reasons: string[];
}

/** A place found in the article. */
export interface FoundPlace {
  /** Story place ID (a slug of the article's first spelling). */
  id: string;
  /** The article's first spelling: the place's name in the story. */
  name: string;
  /** Every spelling the article uses, the first included ("Kiev", "Kyiv"). */
  spellings: string[];
  occurrences: Occurrence[];
  chosen: WeighedCandidate;
  /** Every candidate weighed, best first (the chosen one included); one entry when the name was not ambiguous. */
  weighed: WeighedCandidate[];
  /** True when another gazetteer entry of some size has the same name. */
  ambiguous: boolean;
}

/** A word that matched the gazetteer but is not a place here. */
export interface DroppedWord {
  text: string;
  passages: string[];
  reason: string;
}

/** A phrase that reads like a place ("in Crimea") but is not in the gazetteer. */
export interface MissingPlace {
  text: string;
  passages: string[];
}

/** What the finder found. */
export interface PlaceFinding {
  places: FoundPlace[];
  dropped: DroppedWord[];
  missing: MissingPlace[];
}

const MONTHS_AND_DAYS = new Set([
  ...MONTHS,
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
]);

/** English words and first names that are also towns in the gazetteer: places only where the text says so. */
const COMMON_WORDS = new Set([
  'Reading',
  'Nice',
  'Mobile',
  'Split',
  'Bath',
  'Orange',
  'Male',
  'Sale',
  'Police',
  'Bar',
  'Deal',
  'Street',
  'Wells',
  'Barking',
  'Hope',
  'Union',
  'Independence',
  'Liberty',
  'Victory',
  'Unity',
  'Progress',
  'Energy',
  'Commerce',
  'Opportunity',
  'Enterprise',
  'Friendship',
  'Concord',
  'Freedom',
  'Paradise',
  'Eden',
  'Marathon',
  'Aurora',
  'Normal',
  'Reform',
  'Justice',
  'Mission',
  'Temple',
  'Church',
  'Beach',
  'Ocean',
  'Florence',
  'Lincoln',
  'Washington',
  'Jackson',
  'Hamilton',
  'Nancy',
  'Victoria',
  'Sydney',
  'Austin',
  'Chester',
  'Mercy',
  'Young',
  'Early',
  'Best',
  'Bologna',
  'Mariana',
  'Christiana',
  'Of',
  'As',
  'Is',
  'Sam',
  'Mary',
  'Marco',
  'Jordan',
]);

/** Words before a name that make it a person (President Paris), not a place. */
const TITLES = new Set([
  'President',
  'General',
  'Gen',
  'Minister',
  'Secretary',
  'Governor',
  'Mayor',
  'Sultan',
  'Colonel',
  'Col',
  'Prime',
  'King',
  'Queen',
  'Prince',
  'Princess',
  'Pope',
  'Mr',
  'Mrs',
  'Ms',
  'Dr',
  'Sheikh',
  'Senator',
  'Sen',
  'Rep',
  'Judge',
  'Lieutenant',
  'Captain',
  'Commander',
  'Chancellor',
  'Emir',
  'Ambassador',
  'spokesman',
  'spokeswoman',
  'spokesperson',
]);

/** Words before a name that make it a place: "in Kherson", "near Gao", "the port of Odessa". */
const LOCATIVES = new Set([
  'in',
  'near',
  'at',
  'outside',
  'from',
  'to',
  'towards',
  'toward',
  'around',
  'into',
  'of',
  'across',
  'through',
  'via',
  'between',
  'beyond',
  'inside',
  'reach',
  'reached',
  'entered',
  'visited',
  'captured',
  'shelled',
  'struck',
  'hit',
]);

/** Words after a name that make it a place ("Kherson region") or that belong to the place name. */
const GEOGRAPHIC_WORDS =
  /^\s+(?:region|oblast|province|governorate|district|county|state|city|port|harbour|harbor|Oblast|Region|Province|Governorate|District|County|State|City|Port)\b/;

/** Lower-case words allowed inside a multi-word name ("Rostov on Don", "Ciudad del Este"). */
const CONNECTORS = new Set([
  'de',
  'del',
  'la',
  'el',
  'al',
  'of',
  'on',
  'upon',
  'sur',
  'am',
  'an',
  'der',
  'do',
  'da',
  'dos',
  'das',
]);

/** US states by name, for "Paris, Texas". */
const US_STATES: Record<string, string> = {
  Alabama: 'AL',
  Alaska: 'AK',
  Arizona: 'AZ',
  Arkansas: 'AR',
  California: 'CA',
  Colorado: 'CO',
  Connecticut: 'CT',
  Delaware: 'DE',
  Florida: 'FL',
  Georgia: 'GA',
  Hawaii: 'HI',
  Idaho: 'ID',
  Illinois: 'IL',
  Indiana: 'IN',
  Iowa: 'IA',
  Kansas: 'KS',
  Kentucky: 'KY',
  Louisiana: 'LA',
  Maine: 'ME',
  Maryland: 'MD',
  Massachusetts: 'MA',
  Michigan: 'MI',
  Minnesota: 'MN',
  Mississippi: 'MS',
  Missouri: 'MO',
  Montana: 'MT',
  Nebraska: 'NE',
  Nevada: 'NV',
  'New Hampshire': 'NH',
  'New Jersey': 'NJ',
  'New Mexico': 'NM',
  'New York': 'NY',
  'North Carolina': 'NC',
  'North Dakota': 'ND',
  Ohio: 'OH',
  Oklahoma: 'OK',
  Oregon: 'OR',
  Pennsylvania: 'PA',
  'Rhode Island': 'RI',
  'South Carolina': 'SC',
  'South Dakota': 'SD',
  Tennessee: 'TN',
  Texas: 'TX',
  Utah: 'UT',
  Vermont: 'VT',
  Virginia: 'VA',
  Washington: 'WA',
  'West Virginia': 'WV',
  Wisconsin: 'WI',
  Wyoming: 'WY',
};

/** A named town this small is kept only in a place context or near the story's other places. */
const SMALL_TOWN = 10_000;
/** A town this large is kept even at the start of a sentence. */
const LARGE_TOWN = 100_000;
/** How near (km) a small namesake must be to the story's other places to be believed. */
const NEAR_KM = 150;

interface Word {
  start: number;
  end: number;
  text: string;
}

interface RawMatch extends Occurrence {
  candidates: Candidate[];
  /** Why this occurrence is not a place, or undefined when it may be one. */
  drop?: string;
  /** Dropped unless a kept place lies within NEAR_KM. */
  smallUnlessNear?: boolean;
  /** The capitalised words after a comma that follows the name ("Paris, Texas" → "Texas"). */
  after?: string;
}

/** Words shaped like "Syrian", "Lebanese", "Turkish": adjectives of peoples, never matched loosely. */
const DEMONYM = /(?:ian|ean|ese|ish|ians|eans)$/;

/** The words of a text with their offsets; a trailing possessive ('s) is not part of the word. */
function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(/[\p{L}\p{M}][\p{L}\p{M}\p{N}'’ʼ‘-]*/gu)) {
    let word = match[0];
    word = word.replace(/['’ʼ‘]s$/u, '').replace(/['’ʼ‘-]+$/u, '');
    words.push({ start: match.index, end: match.index + word.length, text: word });
  }
  return words;
}

function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

/** True when the text before `at` ends a sentence (or there is none). */
function startsSentence(text: string, at: number): boolean {
  const before = text.slice(0, at);
  return /^["“‘(]?$/u.test(before) || /[.!?]["”’)]?\s+["“‘(]?$/u.test(before);
}

function citiesFor(phrase: string, gazetteer: Gazetteer): Candidate[] {
  const found = new Map<number, Candidate>();
  const add = (cities: City[] | undefined, tier: MatchTier, limit = 12): void => {
    for (const city of (cities ?? []).slice(0, limit))
      if (!found.has(city.id)) found.set(city.id, { kind: 'city', city, tier });
  };
  const exonym = EXONYMS[phrase];
  if (exonym)
    add(
      gazetteer.byName.get(exonym[0])?.filter((city) => city.country === exonym[1]),
      'exonym',
    );
  add(gazetteer.byName.get(phrase), 'exact');
  const folded = foldName(phrase);
  add(gazetteer.byFolded.get(folded), 'folded');
  // A transliteration match must still look like the name: same first two letters (y read as i), similar length.
  // Without that, "Russian" would find Raisen and "Peskov" Pskov.
  if (folded.length >= 4 && !DEMONYM.test(folded)) {
    const head = (name: string): string => foldName(name).replace(/y/g, 'i').slice(0, 2);
    const similar = (gazetteer.byKey.get(transliterationKey(phrase)) ?? []).filter(
      (city) => head(city.name) === head(phrase) && Math.abs(foldName(city.name).length - folded.length) <= 3,
    );
    add(similar, 'transliteration', 6);
  }
  return [...found.values()];
}

function countryPattern(name: string): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'gu');
}

let countryPatterns: { country: Country; name: string; pattern: RegExp }[] | undefined;

/** Every country name and alias with its pattern, longest first ("South Sudan" before "Sudan"). */
function patternsFor(gazetteer: Gazetteer): { country: Country; name: string; pattern: RegExp }[] {
  countryPatterns ??= gazetteer.countries
    .flatMap((country) =>
      [country.name, ...country.aliases].map((name) => ({ country, name, pattern: countryPattern(name) })),
    )
    .sort((a, b) => b.name.length - a.name.length || a.name.localeCompare(b.name));
  return countryPatterns;
}

/** Pass 1 for one passage: countries, then capitalised phrases the gazetteer knows, and the ones it does not. */
function scanPassage(passage: Passage, gazetteer: Gazetteer, missing: Map<string, Set<string>>): RawMatch[] {
  const text = passage.text;
  const matches: RawMatch[] = [];
  const covered: [number, number][] = [];
  const isCovered = (start: number, end: number): boolean => covered.some(([a, b]) => start < b && end > a);
  for (const { country, name, pattern } of patternsFor(gazetteer)) {
    if (!text.includes(name)) continue;
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + name.length;
      if (isCovered(start, end)) continue;
      covered.push([start, end]);
      matches.push({
        passageId: passage.id,
        start,
        end,
        text: name,
        candidates: [{ kind: 'country', country, tier: 'country' }],
      });
    }
  }
  const words = wordsOf(text);
  for (let index = 0; index < words.length;) {
    const word = words[index] as Word;
    if (!isCapitalised(word.text) || isCovered(word.start, word.end)) {
      index++;
      continue;
    }
    let matched = false;
    for (let length = Math.min(4, words.length - index); length >= 1 && !matched; length--) {
      const span = words.slice(index, index + length);
      const last = span[span.length - 1] as Word;
      const joined = span.every((item, at) => at === 0 || text.slice((span[at - 1] as Word).end, item.start) === ' ');
      const shaped = span.every(
        (item, at) => isCapitalised(item.text) || (at > 0 && at < span.length - 1 && CONNECTORS.has(item.text)),
      );
      if (!joined || !shaped || isCovered(word.start, last.end)) continue;
      const phrase = text.slice(word.start, last.end);
      const candidates = citiesFor(phrase, gazetteer);
      if (candidates.length === 0) continue;
      matches.push({ passageId: passage.id, start: word.start, end: last.end, text: phrase, candidates });
      index += length;
      matched = true;
    }
    if (matched) continue;
    // Not in the gazetteer: worth reporting only where the text treats it as a place ("in Crimea", "near the Dnipro").
    const previous = words[index - 1];
    const beforePrevious = words[index - 2];
    const lastMatch = matches[matches.length - 1];
    const listed =
      previous &&
      (previous.text === 'and' || previous.text === 'or') &&
      lastMatch !== undefined &&
      /^\s+(?:and|or)\s+$/.test(text.slice(lastMatch.end, word.start));
    const locative =
      previous &&
      (LOCATIVES.has(previous.text) ||
        listed ||
        (previous.text === 'the' && beforePrevious && LOCATIVES.has(beforePrevious.text)));
    if (locative && !MONTHS_AND_DAYS.has(word.text) && !TITLES.has(word.text) && !DEMONYM.test(foldName(word.text))) {
      let end = index;
      while (
        end + 1 < words.length &&
        isCapitalised((words[end + 1] as Word).text) &&
        text.slice((words[end] as Word).end, (words[end + 1] as Word).start) === ' ' &&
        end - index < 3
      )
        end++;
      const phrase = text.slice(word.start, (words[end] as Word).end);
      if (!missing.has(phrase)) missing.set(phrase, new Set());
      missing.get(phrase)?.add(passage.id);
      index = end + 1;
    } else index++;
  }
  return matches.sort((a, b) => a.start - b.start);
}

function bestPopulation(match: RawMatch): number {
  return Math.max(
    ...match.candidates.map((candidate) => (candidate.kind === 'city' ? candidate.city.population : Infinity)),
  );
}

/** Pass 2 for one occurrence: why it is not a place, if it is not. */
function judge(
  match: RawMatch,
  passage: Passage,
  previousMatch: RawMatch | undefined,
  lowerCaseWords: Set<string>,
): void {
  if (match.candidates[0]?.kind === 'country') return;
  const text = passage.text;
  const before = text.slice(0, match.start);
  const after = text.slice(match.end);
  const previousWord = /([\p{L}\p{M}'’.-]+)\s*$/u.exec(before)?.[1]?.replace(/\.$/, '') ?? '';
  const wordBeforeThe = /([\p{L}]+)\s+the\s*$/u.exec(before)?.[1] ?? '';
  const listed =
    previousMatch &&
    !previousMatch.drop &&
    /^(?:,\s*|\s+and\s+|\s+or\s+|,\s+and\s+)$/u.test(text.slice(previousMatch.end, match.start));
  const placeContext =
    LOCATIVES.has(previousWord) ||
    LOCATIVES.has(wordBeforeThe) ||
    GEOGRAPHIC_WORDS.test(after) ||
    /^,\s+\p{Lu}/u.test(after) ||
    Boolean(listed);
  const population = bestPopulation(match);
  const single = !match.text.includes(' ');
  const nextCapitalised = /^ (\p{Lu}[\p{L}]+)/u.exec(after)?.[1];
  const previousCapitalised = /(\p{Lu}[\p{L}]+) $/u.exec(before)?.[1];
  const sentenceInitial = startsSentence(text, match.start);

  const loose = match.candidates.every(
    (candidate) => candidate.tier === 'folded' || candidate.tier === 'transliteration',
  );
  const cityOf = /\b(?:city|town|village|port|settlement) of\s*$/u.test(before);
  if (MONTHS_AND_DAYS.has(match.text)) match.drop = 'a month or weekday';
  else if (previousWord === 'the' && !cityOf)
    match.drop = `written "the ${match.text}": a river, sea or region, not the town`;
  else if (single && sentenceInitial && loose && !placeContext)
    match.drop = 'capitalised because it starts a sentence (and only a loose match)';
  else if (TITLES.has(previousWord)) match.drop = `part of a name or title ("${previousWord} ${match.text}")`;
  else if (COMMON_WORDS.has(match.text) && !placeContext)
    match.drop = 'a common word or name, not used as a place here';
  else if (
    single &&
    sentenceInitial &&
    !placeContext &&
    (lowerCaseWords.has(match.text.toLowerCase()) || population < LARGE_TOWN)
  ) {
    match.drop = 'capitalised because it starts a sentence';
  } else if (population < LARGE_TOWN && !placeContext && nextCapitalised && !GEOGRAPHIC_WORDS.test(after)) {
    match.drop = `part of a longer name ("${match.text} ${nextCapitalised}")`;
  } else if (
    population < LARGE_TOWN &&
    !placeContext &&
    previousCapitalised &&
    !startsSentence(before, before.length - previousCapitalised.length - 1)
  ) {
    match.drop = `part of a longer name ("${previousCapitalised} ${match.text}")`;
  } else if (population < SMALL_TOWN && !placeContext) match.smallUnlessNear = true;
}

/** Great-circle distance in km. */
export function distanceKm([lng1, lat1]: [number, number], [lng2, lat2]: [number, number]): number {
  const radians = Math.PI / 180;
  const dLat = (lat2 - lat1) * radians;
  const dLng = (lng2 - lng1) * radians;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * radians) * Math.cos(lat2 * radians) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Where a candidate is, for distances: a town's position, a country's mainland centre. */
export function positionOf(candidate: Candidate): [number, number] {
  if (candidate.kind === 'city') return candidate.city.lngLat;
  const [west, south, east, north] = candidate.country.mainland;
  return [(west + east) / 2, (south + north) / 2];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const TIER_PENALTY: Record<MatchTier, number> = { country: 0, exact: 0, exonym: 0, folded: 0.3, transliteration: 1 };

interface Context {
  /** Country codes named in each passage, and in the article. */
  countriesIn: Map<string, Set<string>>;
  countriesAnywhere: Set<string>;
  /** US state codes named in each passage. */
  statesIn: Map<string, Set<string>>;
  gazetteer: Gazetteer;
}

/** Pass 3 for one name: every candidate scored, best first. */
function weigh(occurrences: RawMatch[], anchors: [number, number][], context: Context): WeighedCandidate[] {
  const passages = new Set(occurrences.map((occurrence) => occurrence.passageId));
  const weighed = (occurrences[0]?.candidates ?? []).map((candidate): WeighedCandidate => {
    if (candidate.kind === 'country') return { candidate, score: 10, reasons: ['a country'] };
    const { city } = candidate;
    const reasons: string[] = [];
    let score = Math.log10(Math.max(city.population, 1000));
    reasons.push(`population ${city.population.toLocaleString('en-GB')}`);
    const penalty = TIER_PENALTY[candidate.tier];
    if (penalty) {
      score -= penalty;
      reasons.push(`matched by ${candidate.tier === 'folded' ? 'folded spelling' : 'transliteration'} (−${penalty})`);
    }
    const countryName = context.gazetteer.countryByCode.get(city.country)?.name ?? city.country;
    if ([...passages].some((passage) => context.countriesIn.get(passage)?.has(city.country))) {
      score += 3;
      reasons.push(`${countryName} named in the same paragraph (+3)`);
    } else if (context.countriesAnywhere.has(city.country)) {
      score += 2;
      reasons.push(`${countryName} named in the article (+2)`);
    }
    const followedBy = occurrences.some(
      (occurrence) => occurrence.after !== undefined && US_STATES[occurrence.after] === city.admin,
    );
    if (city.country === 'US' && [...passages].some((passage) => context.statesIn.get(passage)?.has(city.admin))) {
      score += followedBy ? 5 : 3;
      reasons.push(`its state named in the same paragraph (+${followedBy ? 5 : 3})`);
    }
    if (anchors.length > 0) {
      const km = median(anchors.map((anchor) => distanceKm(anchor, city.lngLat)));
      const bonus = 3 * Math.exp(-km / 800);
      score += bonus;
      reasons.push(`${Math.round(km).toLocaleString('en-GB')} km from the story's other places (+${bonus.toFixed(1)})`);
    }
    return { candidate, score, reasons };
  });
  return weighed.sort((a, b) => b.score - a.score || idOf(a.candidate) - idOf(b.candidate));
}

function idOf(candidate: Candidate): number {
  return candidate.kind === 'city' ? candidate.city.id : 0;
}

function entityKey(candidate: Candidate): string {
  return candidate.kind === 'city' ? `city:${candidate.city.id}` : `country:${candidate.country.id}`;
}

/**
 * Finds the places the article names.
 * @param passages the article's passages, in order
 * @param gazetteer the loaded gazetteer (loadGazetteer)
 */
export function findPlaces(passages: readonly Passage[], gazetteer: Gazetteer): PlaceFinding {
  const missingByText = new Map<string, Set<string>>();
  const lowerCaseWords = new Set<string>();
  for (const passage of passages)
    for (const word of wordsOf(passage.text)) if (!isCapitalised(word.text)) lowerCaseWords.add(word.text);

  // Pass 1 and 2.
  const all: RawMatch[] = [];
  for (const passage of passages) {
    const matches = scanPassage(passage, gazetteer, missingByText);
    matches.forEach((match, index) => judge(match, passage, matches[index - 1], lowerCaseWords));
    all.push(...matches);
  }

  // Context: countries and US states named, per passage.
  const countriesIn = new Map<string, Set<string>>();
  const countriesAnywhere = new Set<string>();
  const statesIn = new Map<string, Set<string>>();
  for (const match of all) {
    const candidate = match.candidates[0];
    if (candidate?.kind === 'country' && candidate.country.code) {
      if (!countriesIn.has(match.passageId)) countriesIn.set(match.passageId, new Set());
      countriesIn.get(match.passageId)?.add(candidate.country.code);
      countriesAnywhere.add(candidate.country.code);
    }
  }
  for (const passage of passages) {
    for (const [state, code] of Object.entries(US_STATES)) {
      if (countryPattern(state).test(passage.text)) {
        if (!statesIn.has(passage.id)) statesIn.set(passage.id, new Set());
        statesIn.get(passage.id)?.add(code);
      }
    }
  }
  for (const match of all) {
    const after = /^,\s+(\p{Lu}[\p{L}]+(?: \p{Lu}[\p{L}]+)?)/u.exec(
      passages.find((passage) => passage.id === match.passageId)?.text.slice(match.end) ?? '',
    )?.[1];
    if (after) match.after = after;
  }
  const context: Context = { countriesIn, countriesAnywhere, statesIn, gazetteer };

  // Group occurrences by the words as written; a name is a place if any of its occurrences is.
  const byTerm = new Map<string, RawMatch[]>();
  for (const match of all) {
    if (!byTerm.has(match.text)) byTerm.set(match.text, []);
    byTerm.get(match.text)?.push(match);
  }

  // Anchors for distances: names with one candidate (or a country) that are kept outright.
  const firmAnchors: [number, number][] = [];
  for (const matches of byTerm.values()) {
    const kept = matches.filter((match) => !match.drop && !match.smallUnlessNear);
    const only = kept[0]?.candidates.length === 1 ? kept[0].candidates[0] : undefined;
    if (only && only.kind === 'city') firmAnchors.push(only.city.lngLat);
  }
  const provisional = new Map<string, WeighedCandidate[]>();
  for (const [term, matches] of byTerm) {
    if (matches.every((match) => match.drop)) continue;
    provisional.set(term, weigh(matches, firmAnchors, context));
  }
  // Second round: weigh each name against the first-round choices of all the others (not its own).
  const chosenPositions = (except: string): [number, number][] =>
    [...provisional]
      .filter(
        ([term, weighed]) =>
          term !== except &&
          weighed[0]?.candidate.kind === 'city' &&
          !byTerm.get(term)?.every((match) => match.smallUnlessNear || match.drop),
      )
      .map(([, weighed]) => positionOf((weighed[0] as WeighedCandidate).candidate));
  const final = new Map<string, WeighedCandidate[]>();
  for (const [term, matches] of byTerm) {
    if (!provisional.has(term)) continue;
    final.set(term, weigh(matches, chosenPositions(term), context));
  }

  // Small namesakes are believed only near the story's other places.
  const dropped = new Map<string, DroppedWord>();
  const drop = (text: string, passageIds: string[], reason: string): void => {
    const entry = dropped.get(text) ?? { text, passages: [], reason };
    for (const id of passageIds) if (!entry.passages.includes(id)) entry.passages.push(id);
    dropped.set(text, entry);
  };
  const keptTerms: string[] = [];
  for (const [term, matches] of byTerm) {
    const weighed = final.get(term);
    const best = weighed?.[0];
    const firm = matches.filter((match) => !match.drop && !match.smallUnlessNear);
    if (!weighed || !best) {
      drop(
        term,
        matches.map((match) => match.passageId),
        matches[0]?.drop ?? 'not a place here',
      );
      continue;
    }
    if (firm.length === 0) {
      const others = chosenPositions(term).filter((position) => distanceKm(position, positionOf(best.candidate)) > 1);
      const near = others.some((position) => distanceKm(position, positionOf(best.candidate)) <= NEAR_KM);
      if (!near) {
        const reasons = matches.map((match) => match.drop).filter((reason): reason is string => Boolean(reason));
        drop(
          term,
          matches.map((match) => match.passageId),
          reasons[0] ??
            `only a small town of that name (population ${bestPopulation(matches[0] as RawMatch).toLocaleString('en-GB')}), more than ${NEAR_KM} km from the story's other places`,
        );
        continue;
      }
    }
    keptTerms.push(term);
  }

  // One place per gazetteer entry: "Kiev" and "Kyiv" in one article are one place with two spellings.
  const places: FoundPlace[] = [];
  const byEntity = new Map<string, FoundPlace>();
  const usedIds = new Set<string>();
  const firstAt = (term: string): number => all.indexOf((byTerm.get(term) ?? [])[0] as RawMatch);
  for (const term of keptTerms.sort((a, b) => firstAt(a) - firstAt(b))) {
    const weighed = final.get(term) as WeighedCandidate[];
    const chosen = weighed[0] as WeighedCandidate;
    const occurrences = (byTerm.get(term) ?? []).map(({ passageId, start, end, text }) => ({
      passageId,
      start,
      end,
      text,
    }));
    const key = entityKey(chosen.candidate);
    const existing = byEntity.get(key);
    if (existing) {
      existing.spellings.push(term);
      existing.occurrences.push(...occurrences);
      continue;
    }
    let id = slug(term);
    for (let n = 2; usedIds.has(id); n++) id = `${slug(term)}-${n}`;
    usedIds.add(id);
    // Ambiguous: another entry of some size shares the name as written (a loose transliteration lookalike does not count).
    const sizeable = weighed.filter(
      (item) =>
        item === chosen ||
        (item.candidate.kind === 'city' &&
          item.candidate.tier !== 'transliteration' &&
          item.candidate.city.population >= 5000),
    );
    const mostPopulous = [...weighed].sort((a, b) => bestOf(b) - bestOf(a))[0];
    const ambiguous = sizeable.length >= 2 || (weighed.length >= 2 && mostPopulous !== chosen);
    const place: FoundPlace = { id, name: term, spellings: [term], occurrences, chosen, weighed, ambiguous };
    byEntity.set(key, place);
    places.push(place);
  }
  const keptTexts = new Set(places.flatMap((place) => place.spellings));
  const missing = [...missingByText]
    .filter(([text]) => !keptTexts.has(text))
    .map(([text, ids]) => ({ text, passages: [...ids] }));
  return { places, dropped: [...dropped.values()], missing };
}

function bestOf(item: WeighedCandidate): number {
  return item.candidate.kind === 'city' ? item.candidate.city.population : Infinity;
}
