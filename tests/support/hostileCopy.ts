// Random article copy for property tests: any Unicode (astral included) mixed with the pieces that have broken or
// could break a page: `$` replacement patterns, script and comment ends, line separators, quotes, flags and emoji.
import fc from 'fast-check';

export const HOSTILE_PIECES = [
  '$&',
  "$'",
  '$`',
  '$1',
  '$$',
  '$<name>',
  '</script>',
  '</SCRIPT ',
  '<!--',
  '-->',
  '<script>',
  '</body>',
  '\u2028',
  '\u2029',
  '"',
  "'",
  '&amp;',
  '\\',
  '😀',
  '🇺🇦',
  '\r\n',
  '{#if x}',
  '5$&',
];

/**
 * Text a story may hold. NUL and lone surrogates are left out: validation refuses them, since no page can show them
 * as written (tested beside the validator).
 */
export const copyArbitrary: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE_PIECES), fc.string({ unit: 'binary', maxLength: 12 })), {
    minLength: 1,
    maxLength: 8,
  })
  .map((parts) =>
    parts
      .join('')
      // eslint-disable-next-line no-control-regex -- NUL is what validation refuses.
      .replace(/\u0000/g, '')
      .replace(/\p{Cs}/gu, ''),
  )
  .filter((text) => text.trim() !== '');

/** Folds runs of HTML white space to one space and trims, as the page contract compares passage text. */
export function foldWhitespace(text: string): string {
  return text.replace(/[\t\n\f\r ]+/g, ' ').trim();
}
