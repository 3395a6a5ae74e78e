// The article parser: plain text and ArchieML, detected by content, passages verbatim with stable IDs, and clear
// errors (file and line) for articles the kit cannot use.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  ArticleError,
  decodeArticle,
  looksLikeArchieMl,
  parseArchieMl,
  parseArticle,
  parsePlainText,
} from '../../../src/build/kit/article.ts';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/articles/${name}`, import.meta.url), 'utf8');

function errorOf(run: () => unknown): ArticleError {
  try {
    run();
  } catch (error) {
    if (error instanceof ArticleError) return error;
    throw error;
  }
  throw new Error('expected an ArticleError');
}

describe('parsePlainText', () => {
  it("reads headline, dek and paragraphs, joining a paragraph's lines with one space and nothing else", () => {
    const text =
      '  Headline here  \n\nThe dek, on the next non-empty line\n\nFirst  paragraph,\n  wrapped here.\r\n\r\n\n“Second” — paragraph.   \n';
    const { passages, format } = parsePlainText(text, 'a.txt');
    expect(format).toBe('plain');
    expect(passages).toEqual([
      { id: 'headline', role: 'headline', text: 'Headline here' },
      { id: 'dek', role: 'dek', text: 'The dek, on the next non-empty line' },
      { id: 'p1', role: 'paragraph', text: 'First  paragraph, wrapped here.' },
      { id: 'p2', role: 'paragraph', text: '“Second” — paragraph.' },
    ]);
  });

  it('keeps the fixture article verbatim', () => {
    const { passages } = parsePlainText(fixture('black-sea-grain.txt'), 'black-sea-grain.txt');
    expect(passages.map((passage) => passage.id)).toEqual([
      'headline',
      'dek',
      'p1',
      'p2',
      'p3',
      'p4',
      'p5',
      'p6',
      'p7',
    ]);
    expect(passages[2]?.text).toBe(
      'Drones struck the port of Odessa before dawn on Wednesday, setting fire to a grain terminal and damaging two ships that were waiting to load wheat bound for Egypt and Turkey. Regional officials said three dockworkers were injured and that the fire was put out by mid-morning.',
    );
  });

  it('refuses an empty file, a headline alone and a headline with a dek but no paragraph', () => {
    expect(errorOf(() => parsePlainText('', 'empty.txt')).message).toMatch(/^empty\.txt: is empty/);
    expect(errorOf(() => parsePlainText(' \n\n  \n', 'blank.txt')).message).toMatch(/^blank\.txt: is empty/);
    expect(errorOf(() => parsePlainText('\n\nJust a headline\n', 'h.txt')).message).toMatch(
      /^h\.txt:3: has only a headline/,
    );
    expect(errorOf(() => parsePlainText('Headline\nDek\n\n', 'hd.txt')).message).toMatch(
      /^hd\.txt:2: has a headline and a dek but no paragraph/,
    );
  });

  it('refuses a paragraph too long for a passage, naming its line', () => {
    const text = `Headline\nDek\n\nShort.\n\n${'word '.repeat(1200)}\n`;
    expect(errorOf(() => parsePlainText(text, 'long.txt')).message).toMatch(
      /^long\.txt:6: paragraph 2 is 5999 characters long/,
    );
  });

  it('reads a 200-paragraph article quickly', () => {
    const body = Array.from({ length: 200 }, (_, index) => `Paragraph ${index + 1} about the port.`).join('\n\n');
    const started = performance.now();
    const { passages } = parsePlainText(`Headline\nDek\n\n${body}\n`, 'big.txt');
    expect(passages).toHaveLength(202);
    expect(passages[201]?.id).toBe('p200');
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('parseArchieMl', () => {
  it('reads headline, dek and the [+body] paragraphs, with a "Word: …" paragraph kept whole', () => {
    const text = 'headline: A headline\ndek: A dek\n\n[+body]\nFirst paragraph.\n\nUpdated: the port reopened.\n[]\n';
    const { passages, format } = parseArchieMl(text, 'a.aml');
    expect(format).toBe('archieml');
    expect(passages.map((passage) => passage.text)).toEqual([
      'A headline',
      'A dek',
      'First paragraph.',
      'Updated: the port reopened.',
    ]);
  });

  it('names a missing key or body', () => {
    expect(errorOf(() => parseArchieMl('headline: Only\n[+body]\nText.\n[]\n', 'x.aml')).message).toMatch(
      /^x\.aml: has no "dek:"/,
    );
    expect(errorOf(() => parseArchieMl('headline: H\ndek: D\n', 'y.aml')).message).toMatch(
      /^y\.aml: has no paragraphs/,
    );
  });
});

describe('parseArticle', () => {
  it('detects the format by content', () => {
    expect(looksLikeArchieMl(fixture('lebanon-north.aml'))).toBe(true);
    expect(looksLikeArchieMl(fixture('black-sea-grain.txt'))).toBe(false);
    expect(parseArticle(fixture('lebanon-north.aml'), 'l.aml').format).toBe('archieml');
    expect(parseArticle(fixture('black-sea-grain.txt'), 'b.txt').format).toBe('plain');
    // A plain article whose first line merely starts with the word stays plain.
    expect(parseArticle('Headline: the port reopens\nDek\n\nText.\n', 'p.txt').format).toBe('plain');
  });
});

describe('decodeArticle', () => {
  it('refuses bytes that are not UTF-8, naming the byte and line', () => {
    const latin1 = Uint8Array.from([...Buffer.from('Headline\nCaf'), 0xe9, ...Buffer.from(' in Odessa\n')]);
    expect(errorOf(() => decodeArticle(latin1, 'latin1.txt')).message).toBe(
      'latin1.txt:2: is not UTF-8 text (byte 12 is not valid UTF-8); save it as UTF-8 and try again',
    );
  });

  it('decodes UTF-8 and drops a byte-order mark', () => {
    expect(decodeArticle(Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from('Zaporizhzhia, Córdoba')]), 'u.txt')).toBe(
      'Zaporizhzhia, Córdoba',
    );
  });
});
