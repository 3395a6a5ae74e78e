// The client's delivered article read by the project's one article parser: furniture and caption left out, the
// passages exactly as the committed article.json holds them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeliveredArticle } from '../../src/build/deliveredArticle.ts';

describe('parseDeliveredArticle', () => {
  it('gives the committed article.json from the committed article.txt', () => {
    const { passages, dropped } = parseDeliveredArticle(
      readFileSync('data/kursk/article.txt', 'utf8'),
      'data/kursk/article.txt',
    );
    const committed = JSON.parse(readFileSync('data/kursk/article.json', 'utf8')) as { passages: unknown[] };
    expect(passages).toEqual(committed.passages);
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
      'p8',
    ]);
    expect(dropped).toEqual([
      'NEWS',
      'NEWS',
      'Updated',
      'Russian Chief of General Staff Gen. Valery Gerasimov.',
      'Russian Chief of General Staff Gen. Valery Gerasimov.AP',
    ]);
  });

  it('keeps a paragraph that merely starts like the one before it', () => {
    const { passages, dropped } = parseDeliveredArticle(
      'Head\n\nDek\n\nOne.\n\nOne. Two.\n\nA photo.\n\nA photo.Reuters',
      'x.txt',
    );
    // Only a one-word credit glued on makes a caption's repeat; a paragraph that goes on is article text.
    expect(passages.map((passage) => passage.text)).toEqual(['Head', 'Dek', 'One.', 'One. Two.']);
    expect(dropped).toEqual(['A photo.', 'A photo.Reuters']);
  });
});
