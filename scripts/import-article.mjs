// Turns a scraped article text file into a story's article.json: headline, dek and body paragraphs, verbatim.
// Usage: node scripts/import-article.mjs data/kursk/article.txt data/kursk/article.json
// The scrape carries page furniture ("NEWS", "Updated") and a photo caption; they are not article text and are dropped.
import { readFileSync, writeFileSync } from 'node:fs';

const FURNITURE = new Set(['NEWS', 'Updated']);

/**
 * Splits the scraped text into passages.
 * @param {string} raw the scraped file
 * @returns {{id: string, role: string, text: string}[]}
 */
export function parseArticle(raw) {
  const lines = raw.split(/\r?\n/).map((line) => line.trim()).filter((line) => line && !FURNITURE.has(line));
  const [headline, dek, ...rest] = lines;
  // A photo caption repeats itself with the agency's credit glued on ("…Gerasimov.AP"); its lines end where the body starts.
  const caption = rest[0] ?? '';
  const body = rest.filter((line) => !line.startsWith(caption));
  if (!headline || !dek || body.length === 0) throw new Error('article: expected a headline, a dek and body paragraphs');
  return [
    { id: 'headline', role: 'headline', text: headline },
    { id: 'dek', role: 'dek', text: dek },
    ...body.map((text, index) => ({ id: `p${index + 1}`, role: 'paragraph', text })),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) throw new Error('usage: node scripts/import-article.mjs ARTICLE.txt OUT.json');
  const passages = parseArticle(readFileSync(input, 'utf8'));
  writeFileSync(output, JSON.stringify({ passages }, null, 2) + '\n');
  console.log(`${output}: ${passages.length} passages`);
}
