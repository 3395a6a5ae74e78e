// Turns the client's delivered article into the story's article.json: headline, dek and body paragraphs, verbatim.
// Usage: npx tsx scripts/import-article.ts data/kursk/article.txt data/kursk/article.json
import { readFileSync, writeFileSync } from 'node:fs';
import { parseDeliveredArticle } from '../src/build/deliveredArticle.ts';
import { decodeArticle } from '../src/build/kit/article.ts';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: npx tsx scripts/import-article.ts ARTICLE.txt OUT.json');
  process.exit(1);
}
const { passages, dropped } = parseDeliveredArticle(decodeArticle(readFileSync(input), input), input);
writeFileSync(output, JSON.stringify({ passages }, null, 2) + '\n');
console.log(
  `${output}: ${passages.length} passages (left out as page furniture or caption: ${dropped.map((line) => JSON.stringify(line)).join(', ')})`,
);
