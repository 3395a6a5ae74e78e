// Turns names into IDs for derived features. Hand-written: no slug library is among the dependencies, and it is six lines.

/** A lower-case ASCII slug of a name, usable as an ID (see ID_PATTERN in src/lib/story/fields.ts). */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
