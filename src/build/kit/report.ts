// The report the kit prints: what it found and what it did, for the desk to check before anything is published.
// Places found (with the gazetteer entry used), ambiguous names (the alternatives weighed and why one won), words
// taken for places but dropped, names it could not find, and the draft it wrote.
import type { Place, Step } from '../../lib/story/types.ts';
import type { Gazetteer } from './gazetteer.ts';
import type { Candidate, FoundPlace, PlaceFinding, WeighedCandidate } from './places.ts';
import type { BaseLayers } from './baseLayers.ts';

/** What the report is made from. */
export interface ReportInput {
  articleFile: string;
  format: 'plain' | 'archieml';
  target: string;
  passages: number;
  warnings: string[];
  finding: PlaceFinding;
  places: Place[];
  steps: Step[];
  base: BaseLayers;
  gazetteer: Gazetteer;
  /** Bytes of each written file, by path. */
  sizes: Map<string, number>;
  /** Milliseconds from start to the folder in place; left out of the text when undefined (tests compare text). */
  elapsedMs?: number;
}

function number(value: number): string {
  return value.toLocaleString('en-GB');
}

function entry(candidate: Candidate, gazetteer: Gazetteer): string {
  if (candidate.kind === 'country') {
    const [west, south, east, north] = candidate.country.mainland;
    return `${candidate.country.name} (country${candidate.country.code ? `, ${candidate.country.code}` : ''}), mainland ${west.toFixed(2)}…${east.toFixed(2)}°E ${south.toFixed(2)}…${north.toFixed(2)}°N, Natural Earth`;
  }
  const { city } = candidate;
  const country = gazetteer.countryByCode.get(city.country)?.name ?? city.country;
  const [lng, lat] = city.lngLat;
  return `${city.name}, ${country} (${city.country}${city.country === 'US' ? `-${city.admin}` : ''}), population ${number(city.population)}, ${lat.toFixed(4)}°N ${lng.toFixed(4)}°E, GeoNames ${city.id}`;
}

function tier(candidate: Candidate): string {
  return {
    country: 'country name',
    exact: 'exact name',
    exonym: 'known older name',
    folded: 'spelling folded',
    transliteration: 'transliteration',
  }[candidate.tier];
}

function weighedLine(item: WeighedCandidate, gazetteer: Gazetteer): string {
  return `${entry(item.candidate, gazetteer)}: score ${item.score.toFixed(2)} (${item.reasons.join('; ')})`;
}

function passagesOf(place: FoundPlace): string {
  return [...new Set(place.occurrences.map((occurrence) => occurrence.passageId))].join(', ');
}

/** The report as text, one section per heading. */
export function formatReport(input: ReportInput): string {
  const { finding, gazetteer } = input;
  const lines: string[] = [];
  lines.push(`Story kit: ${input.articleFile} → ${input.target}`);
  lines.push(
    `Article: ${input.format === 'archieml' ? 'ArchieML' : 'plain text'}, ${input.passages} passages (headline, dek, ${input.passages - 2} paragraphs)`,
  );
  for (const warning of input.warnings) lines.push(`  note: ${warning}`);

  lines.push('', `Places found (${finding.places.length}):`);
  for (const place of finding.places) {
    const spellings =
      place.spellings.length > 1
        ? ` (also written ${place.spellings
            .slice(1)
            .map((s) => `"${s}"`)
            .join(', ')})`
        : '';
    lines.push(
      `  ${place.id}: "${place.name}"${spellings} → ${entry(place.chosen.candidate, gazetteer)} [${tier(place.chosen.candidate)}] in ${passagesOf(place)}`,
    );
  }

  const ambiguous = finding.places.filter((place) => place.ambiguous);
  lines.push('', `Ambiguous names (${ambiguous.length}):`);
  if (ambiguous.length === 0) lines.push('  none');
  for (const place of ambiguous) {
    lines.push(`  "${place.name}": chose ${weighedLine(place.chosen, gazetteer)}`);
    for (const other of place.weighed.filter((item) => item !== place.chosen).slice(0, 3))
      lines.push(`    over ${weighedLine(other, gazetteer)}`);
    const more = place.weighed.length - 4;
    if (more > 0) lines.push(`    and ${more} smaller place${more === 1 ? '' : 's'} of that name`);
  }

  lines.push('', `Dropped: words taken for places but not places here (${finding.dropped.length}):`);
  if (finding.dropped.length === 0) lines.push('  none');
  for (const word of finding.dropped) lines.push(`  "${word.text}" in ${word.passages.join(', ')}: ${word.reason}`);

  lines.push('', `Not found in the gazetteer (${finding.missing.length}):`);
  if (finding.missing.length === 0) lines.push('  none');
  for (const missing of finding.missing)
    lines.push(
      `  "${missing.text}" in ${missing.passages.join(', ')}: add it to places.json by hand if the map should show it`,
    );

  lines.push('', `Base layers (area ${input.base.area.join(', ')}):`);
  for (const layer of input.base.layers) {
    const features = input.base.files.get(layer.file)?.features.length ?? 0;
    lines.push(
      `  ${layer.id}: ${layer.file}, ${features} feature${features === 1 ? '' : 's'}, ${number(input.sizes.get(layer.file) ?? 0)} bytes — ${layer.source}`,
    );
  }
  for (const note of input.base.notes) lines.push(`  note: ${note}`);

  lines.push('', `Steps (${input.steps.length}):`);
  for (const step of input.steps) {
    lines.push(
      `  ${step.id}: ${step.passages.join(', ')}${step.emphasis.length > 0 ? ` — ${step.emphasis.join(', ')}` : ''}`,
    );
  }
  lines.push(
    '',
    `Wrote ${input.target}${input.elapsedMs === undefined ? '' : ` in ${(input.elapsedMs / 1000).toFixed(1)} s`}. Notes marked "Draft:" are for the author to replace.`,
  );
  return `${lines.join('\n')}\n`;
}
