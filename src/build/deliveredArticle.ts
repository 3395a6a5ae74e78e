// Reads an article as the client delivered it (a page scrape: "NEWS" and "Updated" furniture, a photo caption that
// repeats itself with the agency's credit glued on) into passages, through the one article parser of the project
// (src/build/kit/article.ts). The furniture and the caption are not article text and are left out.
import { parsePlainText, type ParsedArticle } from './kit/article.ts';

/** Lines of page furniture that are never article text. */
export const FURNITURE = new Set(['NEWS', 'Updated']);

/** Blocks of text separated by blank lines, trimmed. */
function blocksOf(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * The passages of a delivered article: furniture lines dropped, a caption (a line followed by itself plus a one-word
 * credit) dropped with its repeat, the rest parsed as headline, dek and paragraphs.
 * @throws ArticleError naming the file when what remains is not an article
 */
export function parseDeliveredArticle(raw: string, file: string): ParsedArticle & { dropped: string[] } {
  const dropped: string[] = [];
  const kept: string[] = [];
  const lines = blocksOf(raw);
  // A caption's repeat is the caption with a credit glued on: one short word, no space ("…Gerasimov.AP").
  const repeats = (line: string, next: string | undefined): boolean =>
    next !== undefined && next.startsWith(line) && /^\S{1,30}$/.test(next.slice(line.length));
  lines.forEach((line, index) => {
    const isCaption = repeats(line, lines[index + 1]);
    const previous = lines[index - 1];
    const isCaptionRepeat = previous !== undefined && repeats(previous, line);
    if (FURNITURE.has(line) || isCaption || isCaptionRepeat) dropped.push(line);
    else kept.push(line);
  });
  return { ...parsePlainText(kept.join('\n\n'), file), dropped };
}
