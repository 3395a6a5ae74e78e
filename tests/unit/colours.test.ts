// The story's thematic colours stay apart as readers see them, colour-blind readers too: every pair of symbols, fills
// composited over their country's land and lines as drawn, compared by CIEDE2000 under normal vision and simulated
// deuteranopia and protanopia (Machado et al. 2009). The colour maths is checked first against published values.
import { describe, expect, it } from 'vitest';
import {
  MACHADO,
  VISIONS,
  composite,
  deltaE2000,
  deltaE76,
  linearToSrgb,
  parseHex,
  simulate,
  srgbToLab,
  srgbToLinear,
  toHex,
  type Lab,
  type Rgb,
} from '../../src/lib/cartography/colour.ts';
import { ACCENT, STYLES, type StyleToken } from '../../src/lib/cartography/styles.ts';

const DICHROMATS = Object.keys(MACHADO) as (keyof typeof MACHADO)[];

const close = (actual: number, expected: number, digits: number, what: string) =>
  expect(actual, `${what}: ${actual} ≉ ${expected}`).toBeCloseTo(expected, digits);

describe('colour maths', () => {
  it('reads and writes #rrggbb', () => {
    expect(parseHex('#ff8000')).toEqual([1, 128 / 255, 0]);
    expect(parseHex('#fff')).toEqual([1, 1, 1]);
    expect(toHex(parseHex('#c2410c'))).toBe('#c2410c');
    expect(() => parseHex('red')).toThrow();
  });

  it('the sRGB transfer function round-trips and meets its published break points', () => {
    close(srgbToLinear(0.04045), 0.04045 / 12.92, 9, 'toe');
    close(srgbToLinear(0.5), 0.214041, 5, 'mid grey');
    for (const value of [0, 0.02, 0.3, 0.73, 1])
      close(linearToSrgb(srgbToLinear(value)), value, 9, `round trip ${value}`);
  });

  it('gives the CIELAB (D65) values of white, black and the sRGB primaries', () => {
    const cases: [string, Lab][] = [
      ['#ffffff', [100, 0, 0]],
      ['#000000', [0, 0, 0]],
      ['#ff0000', [53.2408, 80.0925, 67.2032]],
      ['#00ff00', [87.7347, -86.1827, 83.1793]],
      ['#0000ff', [32.297, 79.1875, -107.8602]],
    ];
    for (const [hex, expected] of cases) {
      const lab = srgbToLab(parseHex(hex));
      expected.forEach((value, i) => close(lab[i] ?? NaN, value, 3, `${hex} Lab[${i}]`));
    }
  });

  it('matches the CIEDE2000 test data of Sharma, Wu & Dalal (2005), both ways round', () => {
    // Rows 1, 2, 3, 4, 7, 13, 15, 17, 19, 20, 21–24, 31 and 32 of their Table 1: hue wrap-around, the mean-hue
    // discontinuity, neutral colours, large differences and high lightness.
    const rows: [Lab, Lab, number][] = [
      [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
      [[50, 3.1571, -77.2803], [50, 0, -82.7485], 2.8615],
      [[50, 2.8361, -74.02], [50, 0, -82.7485], 3.4412],
      [[50, -1.3802, -84.2814], [50, 0, -82.7485], 1],
      [[50, 0, 0], [50, -1, 2], 2.3669],
      [[50, 2.49, -0.001], [50, -2.49, 0.0009], 7.1792],
      [[50, 2.49, -0.001], [50, -2.49, 0.0011], 7.2195],
      [[50, -0.001, 2.49], [50, 0.0009, -2.49], 4.8045],
      [[50, -0.001, 2.49], [50, 0.0011, -2.49], 4.7461],
      [[50, 2.5, 0], [50, 0, -2.5], 4.3065],
      [[50, 2.5, 0], [73, 25, -18], 27.1492],
      [[50, 2.5, 0], [61, -5, 29], 22.8977],
      [[50, 2.5, 0], [56, -27, -3], 31.903],
      [[50, 2.5, 0], [58, 24, 15], 19.4535],
      [[84.25, 5.74, 96], [84.46, 8.88, 96.49], 1.6743],
      [[84.25, 5.74, 96], [84.52, 5.75, 93.09], 0.5887],
    ];
    for (const [a, b, expected] of rows) {
      close(deltaE2000(a, b), expected, 4, `ΔE00 ${a} / ${b}`);
      close(deltaE2000(b, a), expected, 4, `ΔE00 ${b} / ${a}`);
    }
    expect(deltaE2000([62, 10, -20], [62, 10, -20])).toBe(0);
    close(deltaE2000([100, 0, 0], [0, 0, 0]), 100, 6, 'ΔE00 white / black');
    expect(deltaE76([50, 0, 0], [53, 4, 0])).toBe(5);
  });

  it("Machado's dichromat matrices keep greys grey and lose one dimension of colour", () => {
    for (const name of DICHROMATS) {
      const matrix = MACHADO[name];
      for (const row of matrix) close(row[0] + row[1] + row[2], 1, 5, `${name} row sum`);
      const [[a, b, c], [d, e, f], [g, h, i]] = matrix;
      close(a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g), 0, 5, `${name} determinant`);
      for (const grey of ['#000000', '#404040', '#d0d0d0', '#ffffff']) {
        const rgb = parseHex(grey);
        simulate(rgb, name).forEach((channel, k) => close(channel, rgb[k] ?? NaN, 5, `${name} ${grey}`));
      }
    }
  });

  it('simulates dichromacy on linear light, and colours on a confusion line look the same', () => {
    // Pure red through the matrix's first column, clamped to the gamut, then encoded again.
    const red = simulate([1, 0, 0], 'deuteranopia');
    close(red[0], linearToSrgb(0.367322), 6, 'deuteranopic red R');
    close(red[1], linearToSrgb(0.280085), 6, 'deuteranopic red G');
    close(red[2], 0, 6, 'deuteranopic red B');
    expect(simulate([0.2, 0.4, 0.6], 'normal')).toEqual([0.2, 0.4, 0.6]);

    for (const name of DICHROMATS) {
      // The matrix's null direction: orthogonal to every row. Two greys moved either way along it look alike.
      const [r0, r1] = MACHADO[name];
      const nullDirection: Rgb = [
        r0[1] * r1[2] - r0[2] * r1[1],
        r0[2] * r1[0] - r0[0] * r1[2],
        r0[0] * r1[1] - r0[1] * r1[0],
      ];
      const scale = 0.15 / Math.max(...nullDirection.map(Math.abs));
      const along = (sign: number) =>
        nullDirection.map((component) => linearToSrgb(0.4 + sign * scale * component)) as Rgb;
      const [one, other] = [along(1), along(-1)];
      const seenNormally = deltaE2000(srgbToLab(one), srgbToLab(other));
      const seenByDichromat = deltaE2000(srgbToLab(simulate(one, name)), srgbToLab(simulate(other, name)));
      expect(seenNormally, `${name}: ${toHex(one)} / ${toHex(other)} to normal vision`).toBeGreaterThan(10);
      expect(seenByDichromat, `${name}: ${toHex(one)} / ${toHex(other)}`).toBeLessThan(0.5);
    }
  });

  it('composites a fill over the land as the screen blends it', () => {
    expect(toHex(composite(parseHex('#000000'), 0.5, parseHex('#ffffff')))).toBe('#808080');
    expect(composite(parseHex('#2563a8'), 1, parseHex('#ffffff'))).toEqual(parseHex('#2563a8'));
    expect(composite(parseHex('#2563a8'), 0, parseHex('#e6e2da'))).toEqual(parseHex('#e6e2da'));
  });
});

/** The land of a country as the land token paints it. */
function landOf(country: 'UA' | 'RU'): Rgb {
  const colour = STYLES.land.fill.colour;
  return parseHex(colour[1][country]);
}

function fillOf(token: StyleToken, name: string): { colour: string; opacity: number } {
  const fill = token.fill;
  if (!fill || typeof fill.colour !== 'string') throw new Error(`${name} has no plain fill`);
  return { colour: fill.colour, opacity: fill.opacity };
}

function lineOf(token: StyleToken, name: string): string {
  if (!token.line) throw new Error(`${name} has no line`);
  return token.line.colour;
}

/**
 * The story's thematic symbols as a reader sees them: areas at their opacity over the land they lie on (the Kursk
 * control classes over Russia, the occupation over Ukraine), lines at full opacity (the casing keeps them off the
 * fill beneath), the accent as it outlines an emphasised place.
 */
const area = (name: 'held' | 'uncertain' | 'grey' | 'occupied', country: 'UA' | 'RU'): Rgb => {
  const { colour, opacity } = fillOf(STYLES[name], name);
  return composite(parseHex(colour), opacity, landOf(country));
};
const SYMBOLS: Record<string, Rgb> = {
  held: area('held', 'RU'),
  uncertain: area('uncertain', 'RU'),
  grey: area('grey', 'RU'),
  occupied: area('occupied', 'UA'),
  road: parseHex(lineOf(STYLES.road, 'road')),
  schematic: parseHex(lineOf(STYLES.schematic, 'schematic')),
  'accent emphasis': parseHex(ACCENT),
  border: parseHex(lineOf(STYLES.border, 'border')),
};

/**
 * ΔE00 = 1 is about the smallest difference seen between two large patches side by side. A map reader instead matches
 * a patch or a 2–4 px line to a small legend swatch, apart, on screens that vary; the difference needed to tell
 * colours apart grows several-fold for small marks (Szafir 2017, "Modeling Color Difference for Visualization
 * Design"). ΔE00 ≥ 10 keeps every pair clearly a different category, with room for that, under normal vision and
 * for the two commonest colour-vision deficiencies alike.
 */
const MIN_DELTA_E = 10;

describe('the thematic colours stay apart', () => {
  const names = Object.keys(SYMBOLS);
  const pairs = names.flatMap((a, i) => names.slice(i + 1).map((b) => [a, b] as const));

  it('compares every pair of the eight symbols', () => {
    expect(pairs).toHaveLength(28);
  });

  for (const vision of VISIONS) {
    it(`every pair differs by ΔE00 ≥ ${MIN_DELTA_E} with ${vision} vision`, () => {
      const lab = (name: string) => srgbToLab(simulate(SYMBOLS[name] ?? [0, 0, 0], vision));
      for (const [a, b] of pairs) {
        const difference = deltaE2000(lab(a), lab(b));
        expect
          .soft(difference, `${a} vs ${b} (${vision}): ΔE00 ${difference.toFixed(1)}`)
          .toBeGreaterThanOrEqual(MIN_DELTA_E);
      }
    });
  }
});
