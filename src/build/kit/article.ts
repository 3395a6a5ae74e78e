// The article parser: turns an article as a desk writes it (plain text or ArchieML) into the story's passages,
// verbatim, with stable IDs (headline, dek, p1…pN). It is the one place that decides what "a paragraph" is, so the
// story kit and anything else that imports articles cut them the same way.
import { createRequire } from 'node:module';
import type { Passage } from '../../lib/story/types.ts';
import { MAX_TEXT_LENGTH } from '../../lib/story/fields.ts';

/** A bad article: names the file and, where it helps, the line. */
export class ArticleError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly line?: number,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${message}`);
    this.name = 'ArticleError';
  }
}

/** The parsed article: passages in article order, the format it was read as, and anything the parser skipped. */
export interface ParsedArticle {
  format: 'plain' | 'archieml';
  passages: Passage[];
  /** Things in the input that are not passages and were left out (ArchieML objects in the body). */
  warnings: string[];
}

/**
 * Decodes an article file's bytes as UTF-8, refusing anything else rather than guessing a legacy encoding, which
 * would silently change the article's characters. A leading byte-order mark is dropped.
 * @throws ArticleError when the bytes are not valid UTF-8
 */
export function decodeArticle(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Point at the first bad byte: a desk can then find it (a Windows-1252 quote, a Latin-1 accent).
    const offset = firstInvalidUtf8(bytes);
    const line = offset === undefined ? undefined : countLines(bytes, offset);
    throw new ArticleError(
      file,
      `is not UTF-8 text${offset === undefined ? '' : ` (byte ${offset} is not valid UTF-8)`}; save it as UTF-8 and try again`,
      line,
    );
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // Binary search on prefixes would miss truncated sequences; a linear scan by lead byte is simple and exact.
  for (let at = 0; at < bytes.length;) {
    const lead = bytes[at] ?? 0;
    const length =
      lead < 0x80
        ? 1
        : lead >= 0xc2 && lead < 0xe0
          ? 2
          : lead >= 0xe0 && lead < 0xf0
            ? 3
            : lead >= 0xf0 && lead < 0xf5
              ? 4
              : 0;
    if (length === 0) return at;
    try {
      decoder.decode(bytes.subarray(at, at + length));
    } catch {
      return at;
    }
    at += length;
  }
  return undefined;
}

function countLines(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let at = 0; at < offset; at++) if (bytes[at] === 0x0a) line++;
  return line;
}

/** Joins a paragraph's lines with single spaces and trims its outer white space; nothing else changes. */
function paragraphText(lines: string[]): string {
  return lines
    .join('\n')
    .trim()
    .replace(/[ \t]*\n[ \t]*/g, ' ');
}

function checkLength(text: string, id: string, file: string, line?: number): void {
  if (text.length > MAX_TEXT_LENGTH) {
    throw new ArticleError(
      file,
      `${id} is ${text.length} characters long; a passage may have at most ${MAX_TEXT_LENGTH} (split it into paragraphs)`,
      line,
    );
  }
}

function passagesOf(
  headline: string,
  dek: string,
  paragraphs: { text: string; line?: number }[],
  file: string,
  headlineLine?: number,
): Passage[] {
  checkLength(headline, 'the headline', file, headlineLine);
  checkLength(dek, 'the dek', file);
  paragraphs.forEach((paragraph, index) => checkLength(paragraph.text, `paragraph ${index + 1}`, file, paragraph.line));
  return [
    { id: 'headline', role: 'headline', text: headline },
    { id: 'dek', role: 'dek', text: dek },
    ...paragraphs.map((paragraph, index): Passage => ({
      id: `p${index + 1}`,
      role: 'paragraph',
      text: paragraph.text,
    })),
  ];
}

/**
 * Parses a plain-text article: the headline on the first non-empty line, the dek on the next non-empty line, then
 * paragraphs separated by blank lines. A headline alone, or a headline and dek with no paragraph, is an error: a
 * story needs text to tell.
 * @param file the article's name, used in messages
 * @throws ArticleError naming the file (and line) when the text has no headline, dek or paragraph
 */
export function parsePlainText(text: string, file: string): ParsedArticle {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const nonEmpty = (from: number): number => {
    for (let index = from; index < lines.length; index++) if ((lines[index] ?? '').trim() !== '') return index;
    return -1;
  };
  const headlineAt = nonEmpty(0);
  if (headlineAt === -1)
    throw new ArticleError(
      file,
      'is empty: expected a headline on the first line, a dek on the next, then paragraphs separated by blank lines',
    );
  const dekAt = nonEmpty(headlineAt + 1);
  if (dekAt === -1)
    throw new ArticleError(
      file,
      'has only a headline: expected a dek on the next non-empty line, then paragraphs separated by blank lines',
      headlineAt + 1,
    );
  const paragraphs: { text: string; line: number }[] = [];
  let block: string[] = [];
  let blockStart = 0;
  const flush = (): void => {
    if (block.length > 0) paragraphs.push({ text: paragraphText(block), line: blockStart + 1 });
    block = [];
  };
  for (let index = dekAt + 1; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line.trim() === '') flush();
    else {
      if (block.length === 0) blockStart = index;
      block.push(line);
    }
  }
  flush();
  if (paragraphs.length === 0)
    throw new ArticleError(
      file,
      'has a headline and a dek but no paragraph: expected paragraphs after the dek, separated by blank lines',
      dekAt + 1,
    );
  const headline = (lines[headlineAt] ?? '').trim();
  const dek = (lines[dekAt] ?? '').trim();
  return { format: 'plain', passages: passagesOf(headline, dek, paragraphs, file, headlineAt + 1), warnings: [] };
}

type ArchieLoad = (text: string) => Record<string, unknown>;
let archieLoad: ArchieLoad | undefined;

/** The archieml package is CommonJS without types: load it once and give it the one signature we use. */
function archie(): ArchieLoad {
  if (!archieLoad) {
    const module = createRequire(import.meta.url)('archieml') as { load: ArchieLoad };
    archieLoad = module.load;
  }
  return archieLoad;
}

/**
 * Parses an ArchieML article: `headline:`, `dek:` and a `[+body]` freeform array whose text items are the
 * paragraphs (`[body]` with `* item` lines works too).
 * @throws ArticleError naming the file and the missing key
 */
export function parseArchieMl(text: string, file: string): ParsedArticle {
  const source = text.replace(/^\uFEFF/, '');
  const doc = archie()(source);
  const warnings: string[] = [];
  const field = (key: string): string => {
    const value = doc[key];
    if (typeof value !== 'string' || value.trim() === '')
      throw new ArticleError(file, `has no "${key}:" (ArchieML): expected headline:, dek: and a [+body] of paragraphs`);
    return value.trim();
  };
  const headline = field('headline');
  const dek = field('dek');
  const body = doc.body;
  const sourceLines = source.split(/\r\n|\r|\n/).map((line) => line.trim());
  const paragraphs: { text: string }[] = [];
  if (Array.isArray(body)) {
    body.forEach((item: unknown, index) => {
      if (typeof item === 'string') {
        if (item.trim() !== '') paragraphs.push({ text: paragraphText([item]) });
        return;
      }
      if (typeof item === 'object' && item !== null && 'type' in item && 'value' in item) {
        const { type, value } = item as { type: unknown; value: unknown };
        if (type === 'text' && typeof value === 'string') {
          if (value.trim() !== '') paragraphs.push({ text: paragraphText([value]) });
          return;
        }
        if (typeof type === 'string' && typeof value === 'string') {
          // ArchieML reads a paragraph that starts "Word: …" as a key. It is still article text: take the line back
          // from the source, verbatim.
          const line = sourceLines.find(
            (candidate) => candidate.startsWith(`${type}:`) && candidate.endsWith(value.trim()),
          );
          paragraphs.push({ text: line ?? `${type}: ${value.trim()}` });
          return;
        }
      }
      warnings.push(`body item ${index + 1} is not text and was left out`);
    });
  }
  if (paragraphs.length === 0)
    throw new ArticleError(
      file,
      'has no paragraphs (ArchieML): expected a [+body] … [] block of text after headline: and dek:',
    );
  return { format: 'archieml', passages: passagesOf(headline, dek, paragraphs, file), warnings };
}

/** True when the text reads as ArchieML: a `headline:` key on its own line, with a dek or a body block. */
export function looksLikeArchieMl(text: string): boolean {
  return /^\s*headline\s*:/im.test(text) && (/^\s*\[\+?body\]\s*$/im.test(text) || /^\s*dek\s*:/im.test(text));
}

/**
 * Parses an article in either format, detected by content (see looksLikeArchieMl).
 * @throws ArticleError naming the file and what is wrong
 */
export function parseArticle(text: string, file: string): ParsedArticle {
  return looksLikeArchieMl(text) ? parseArchieMl(text, file) : parsePlainText(text, file);
}
