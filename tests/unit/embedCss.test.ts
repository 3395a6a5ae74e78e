// The script embed's stylesheet: rem lengths pinned to 16 px, so a host's root font size cannot scale the explainer.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { remToPx, shadowStylesheet, withContainerQueries } from '../../src/lib/embed/shadowCss.ts';
import { FRAME_CSS } from '../../src/lib/embed/frameCss.ts';

describe('remToPx', () => {
  it('rewrites rem lengths, signs and decimals included', () => {
    expect(remToPx('a { font-size: 1.125rem; margin: -0.5rem .25rem 2rem; width: calc(100% - 4.5rem) }')).toBe(
      'a { font-size: 18px; margin: -8px 4px 32px; width: calc(100% - 72px) }',
    );
    expect(remToPx('@media (max-width: 47.99rem) {}')).toBe('@media (max-width: 767.84px) {}');
  });

  it('leaves other units and words alone', () => {
    const css = '.remark { line-height: 1.6; height: 2em; top: 30vh } .x2rem-ish {}';
    expect(remToPx(css)).toBe(css);
  });

  it('leaves no rem length in the shadow stylesheet', () => {
    const appCss = readFileSync(new URL('../../src/styles/explainer.css', import.meta.url), 'utf8');
    const sheet = shadowStylesheet(appCss);
    expect(sheet).not.toMatch(/\d\s*rem\b/);
    expect(sheet).toContain('all: initial');
  });
});

describe('iframe height rules', () => {
  it('restates every vh height of the stylesheet in --kx-vh, or the host-viewport rules replace it', () => {
    const appCss = readFileSync(new URL('../../src/styles/explainer.css', import.meta.url), 'utf8');
    // In an auto-height iframe, vh is the iframe's own height: it would feed back into the content's height.
    // 100vh (the sticky map) and 42vh (the phone's map column) are replaced by `.has-host-viewport` rules.
    const replacedByHostViewport = new Set(['100', '42']);
    const values = new Set([...appCss.matchAll(/(\d+(?:\.\d+)?)d?vh\b/g)].map((match) => match[1] ?? ''));
    expect(values.size).toBeGreaterThan(0);
    for (const value of values) {
      if (replacedByHostViewport.has(value)) continue;
      expect(FRAME_CSS, `explainer.css uses ${value}vh: add it to src/lib/embed/frameCss.ts`).toContain(
        `calc(${value} * var(--kx-vh`,
      );
    }
  });
});

describe('the narrow layout in a narrow host column', () => {
  it('follows each narrow-screen query with the same rules as a container query, nested braces and all', () => {
    const css =
      'a { b: c }\n@media (max-width: 767.84px) {\n  .x { y: z }\n  @supports (gap: 1px) { .g { gap: 1px } }\n}\n' +
      '@media print { .p { q: r } }\n@media (pointer: coarse) { .t { u: v } }\n.after { w: x }';
    expect(withContainerQueries(css)).toBe(
      'a { b: c }\n@media (max-width: 767.84px) {\n  .x { y: z }\n  @supports (gap: 1px) { .g { gap: 1px } }\n}\n' +
        '@container (max-width: 767.84px) {\n  .x { y: z }\n  @supports (gap: 1px) { .g { gap: 1px } }\n}\n' +
        '@media print { .p { q: r } }\n@media (pointer: coarse) { .t { u: v } }\n.after { w: x }',
    );
  });

  it('gives every narrow-screen block of the stylesheet its container copy, on a wrapper that is a container', () => {
    const appCss = readFileSync(new URL('../../src/styles/explainer.css', import.meta.url), 'utf8');
    const sheet = shadowStylesheet(appCss);
    const queries = (kind: string): string[] =>
      [...sheet.matchAll(new RegExp(`@${kind}\\s*\\((max-width:[^)]*)\\)`, 'g'))].map((match) => match[1] ?? '');
    expect(queries('media').length).toBeGreaterThan(0);
    expect(queries('container')).toEqual(queries('media'));
    expect(sheet).toMatch(/\.kx-root \{[^}]*container-type: inline-size/);
  });

  it('says so when a block never closes', () => {
    expect(() => withContainerQueries('@media (max-width: 10px) { .a { b: c }')).toThrow(/unbalanced/);
  });
});
