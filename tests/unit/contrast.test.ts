// Colour contrast of text drawn over the map: map labels against their halo, marker labels against theirs, and the
// article's accent on its background. WCAG AA asks 4.5:1 for normal text.
import { describe, expect, it } from 'vitest';
import { ACCENT, INK, STYLES, type StyleToken } from '../../src/lib/cartography/styles.ts';

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe('text on the map', () => {
  it('every map label reads at 4.5:1 or better against its halo', () => {
    const labelled = Object.entries(STYLES as Record<string, StyleToken>).filter(([, token]) => token.text);
    expect(labelled.length).toBeGreaterThan(0);
    for (const [name, token] of labelled) {
      const text = token.text;
      if (!text) continue;
      expect(contrast(text.colour, text.halo), `${name}: ${text.colour} on ${text.halo}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('place markers (ink, or the accent when emphasised) read against their white halo and the land', () => {
    for (const colour of [INK, ACCENT]) {
      expect(contrast(colour, '#ffffff'), colour).toBeGreaterThanOrEqual(4.5);
      expect(contrast(colour, '#f7f5f0'), `${colour} on Ukrainian land`).toBeGreaterThanOrEqual(4.5);
    }
  });
});
