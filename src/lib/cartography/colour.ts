// Colour maths for checking the palette: sRGB and linear RGB, alpha compositing as a reader's screen does it, colour
// vision deficiency simulated with the Machado, Oliveira & Fernandes (2009) matrices, CIELAB (D65) and the CIEDE2000
// difference (Sharma, Wu & Dalal 2005). Pure functions, no DOM; channels are 0–1 unless named otherwise.

export type Rgb = [number, number, number];
export type Lab = [number, number, number];
type Matrix = [Rgb, Rgb, Rgb];

/** Parses #rrggbb (or #rgb) into sRGB channels in 0–1. */
export function parseHex(hex: string): Rgb {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
  if (!match?.[1]) throw new Error(`not a #rrggbb colour: "${hex}"`);
  const digits = match[1].length === 3 ? [...match[1]].map((digit) => digit + digit).join('') : match[1];
  return [0, 2, 4].map((start) => Number.parseInt(digits.slice(start, start + 2), 16) / 255) as Rgb;
}

/** sRGB channels in 0–1 as #rrggbb, rounded and clamped. */
export function toHex(rgb: Rgb): string {
  const byte = (channel: number) =>
    Math.round(Math.min(1, Math.max(0, channel)) * 255)
      .toString(16)
      .padStart(2, '0');
  return `#${rgb.map(byte).join('')}`;
}

/** sRGB transfer function, encoded → linear light (IEC 61966-2-1). */
export function srgbToLinear(channel: number): number {
  return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
}

/** sRGB transfer function, linear light → encoded. */
export function linearToSrgb(channel: number): number {
  return channel <= 0.0031308 ? channel * 12.92 : 1.055 * channel ** (1 / 2.4) - 0.055;
}

/**
 * A fill of `opacity` over an opaque `under`, blended on the encoded sRGB values as browsers and WebGL (MapLibre)
 * blend by default: what the reader's screen shows.
 */
export function composite(over: Rgb, opacity: number, under: Rgb): Rgb {
  return over.map((channel, i) => channel * opacity + (under[i] ?? 0) * (1 - opacity)) as Rgb;
}

/** Machado, Oliveira & Fernandes (2009), severity 1.0: matrices on linear RGB. */
export const MACHADO: Readonly<Record<'protanopia' | 'deuteranopia', Matrix>> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
};

export type Vision = 'normal' | keyof typeof MACHADO;
export const VISIONS: readonly Vision[] = ['normal', 'deuteranopia', 'protanopia'];

function multiply(matrix: Matrix, v: Rgb): Rgb {
  return matrix.map((row) => row[0] * v[0] + row[1] * v[1] + row[2] * v[2]) as Rgb;
}

/** An sRGB colour as a reader with the given vision sees it (sRGB out, clamped to the gamut). */
export function simulate(rgb: Rgb, vision: Vision): Rgb {
  if (vision === 'normal') return rgb;
  const linear = multiply(MACHADO[vision], rgb.map(srgbToLinear) as Rgb);
  return linear.map((channel) => linearToSrgb(Math.min(1, Math.max(0, channel)))) as Rgb;
}

/** sRGB (D65) → CIE XYZ, Y of white = 1. */
const SRGB_TO_XYZ: Matrix = [
  [0.4124564, 0.3575761, 0.1804375],
  [0.2126729, 0.7151522, 0.072175],
  [0.0193339, 0.119192, 0.9503041],
];
const WHITE_D65: Rgb = [0.95047, 1, 1.08883];

/** sRGB channels in 0–1 → CIELAB under D65. */
export function srgbToLab(rgb: Rgb): Lab {
  const xyz = multiply(SRGB_TO_XYZ, rgb.map(srgbToLinear) as Rgb);
  const epsilon = 216 / 24389;
  const kappa = 24389 / 27;
  const [fx, fy, fz] = xyz.map((value, i) => {
    const t = value / WHITE_D65[i]!;
    return t > epsilon ? Math.cbrt(t) : (kappa * t + 16) / 116;
  }) as Rgb;
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** CIE76: Euclidean distance in CIELAB. */
export function deltaE76(a: Lab, b: Lab): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

const degrees = (radians: number) => (radians * 180) / Math.PI;
const radians = (degreesValue: number) => (degreesValue * Math.PI) / 180;

/** CIEDE2000 colour difference (kL = kC = kH = 1), as in Sharma, Wu & Dalal (2005). */
export function deltaE2000(lab1: Lab, lab2: Lab): number {
  const [L1, a1, b1] = lab1;
  const [L2, a2, b2] = lab2;
  const meanC = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const g = 0.5 * (1 - Math.sqrt(meanC ** 7 / (meanC ** 7 + 25 ** 7)));
  const a1p = (1 + g) * a1;
  const a2p = (1 + g) * a2;
  const C1p = Math.hypot(a1p, b1);
  const C2p = Math.hypot(a2p, b2);
  const hueOf = (a: number, b: number) => (a === 0 && b === 0 ? 0 : (degrees(Math.atan2(b, a)) + 360) % 360);
  const h1p = hueOf(a1p, b1);
  const h2p = hueOf(a2p, b2);

  const dLp = L2 - L1;
  const dCp = C2p - C1p;
  let dhp = 0;
  if (C1p * C2p !== 0) {
    dhp = h2p - h1p;
    if (dhp > 180) dhp -= 360;
    else if (dhp < -180) dhp += 360;
  }
  const dHp = 2 * Math.sqrt(C1p * C2p) * Math.sin(radians(dhp / 2));

  const meanLp = (L1 + L2) / 2;
  const meanCp = (C1p + C2p) / 2;
  let meanHp = h1p + h2p;
  if (C1p * C2p !== 0) {
    if (Math.abs(h1p - h2p) <= 180) meanHp /= 2;
    else meanHp = h1p + h2p < 360 ? (meanHp + 360) / 2 : (meanHp - 360) / 2;
  }

  const t =
    1 -
    0.17 * Math.cos(radians(meanHp - 30)) +
    0.24 * Math.cos(radians(2 * meanHp)) +
    0.32 * Math.cos(radians(3 * meanHp + 6)) -
    0.2 * Math.cos(radians(4 * meanHp - 63));
  const dTheta = 30 * Math.exp(-(((meanHp - 275) / 25) ** 2));
  const rc = 2 * Math.sqrt(meanCp ** 7 / (meanCp ** 7 + 25 ** 7));
  const sl = 1 + (0.015 * (meanLp - 50) ** 2) / Math.sqrt(20 + (meanLp - 50) ** 2);
  const sc = 1 + 0.045 * meanCp;
  const sh = 1 + 0.015 * meanCp * t;
  const rt = -Math.sin(radians(2 * dTheta)) * rc;

  return Math.sqrt((dLp / sl) ** 2 + (dCp / sc) ** 2 + (dHp / sh) ** 2 + rt * (dCp / sc) * (dHp / sh));
}
