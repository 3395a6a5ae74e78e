// The cartography: what each style token in layers.json looks like. Pure data, no MapLibre import, so the validator,
// the legend and any static renderer can read it too. Muted base, one accent colour for the story.

/** The story's accent: selected and emphasised places, the quote being read. */
export const ACCENT = '#c2410c';
export const INK = '#1f2328';
export const WATER = '#dfe8ee';

/** How a legend entry draws its symbol. */
export interface Swatch {
  shape: 'area' | 'line' | 'dashed' | 'point' | 'hatch';
  colour: string;
  outline?: string;
}

/** A style token: paint for each MapLibre layer type it may be drawn as, plus its legend swatch. */
export interface StyleToken {
  swatch: Swatch;
  fill?: { colour: string | [string, Record<string, string>]; opacity: number; outline?: string };
  line?: {
    colour: string;
    width: number | [number, number, number, number];
    dash?: number[];
    opacity: number;
    casing?: string;
  };
  circle?: { colour: string; radius: number; stroke: string };
  /** Text labels: size and colour; halo keeps them readable over any fill. */
  text?: {
    size: number;
    colour: string;
    halo: string;
    placement?: 'point' | 'line';
    font?: 'regular' | 'bold' | 'italic';
    /** Centred on the point with no dot, in capitals spaced by `tracking` ems (country names); else beside a dot. */
    caps?: { tracking: number };
  };
}

export const STYLES = {
  land: {
    swatch: { shape: 'area', colour: '#f1efe9' },
    // Colour by the feature's `country` property: the two countries of the story stand out from their neighbours.
    fill: { colour: ['#ebe8e1', { UA: '#f7f5f0', RU: '#e6e2da' }], opacity: 1 },
  },
  admin: {
    swatch: { shape: 'dashed', colour: '#9a958c' },
    line: { colour: '#a8a298', width: [5, 0.5, 10, 1.4], dash: [3, 2], opacity: 0.9 },
  },
  border: {
    swatch: { shape: 'line', colour: '#4a4640' },
    line: { colour: '#4a4640', width: [4, 0.8, 10, 2.4], opacity: 1, casing: '#ffffff' },
  },
  river: {
    swatch: { shape: 'line', colour: '#7fa7c2' },
    line: { colour: '#8fb3cc', width: [5, 0.6, 10, 2], opacity: 1 },
    text: { size: 11, colour: '#4d7590', halo: '#f7f5f0', placement: 'line', font: 'italic' },
  },
  town: {
    swatch: { shape: 'point', colour: '#5b5750' },
    circle: { colour: '#5b5750', radius: 2.5, stroke: '#ffffff' },
    text: { size: 12, colour: '#3b3833', halo: '#ffffff' },
  },
  // Held, grey, occupied and the road keep apart as a reader sees them, colour-blind readers too: ΔE2000 of at least 10
  // for every pair, checked in tests/unit/colours.test.ts. Held is the darkest area, grey a mid grey between it and the
  // pale uncertain fill.
  held: {
    swatch: { shape: 'area', colour: '#2563a8', outline: '#1d4f87' },
    fill: { colour: '#2563a8', opacity: 0.55, outline: '#1d4f87' },
  },
  uncertain: {
    swatch: { shape: 'hatch', colour: '#2563a8', outline: '#2563a8' },
    fill: { colour: '#2563a8', opacity: 0.15, outline: '#2563a8' },
  },
  grey: {
    swatch: { shape: 'hatch', colour: '#7a7a7a', outline: '#6f6f6f' },
    fill: { colour: '#7a7a7a', opacity: 0.6, outline: '#6f6f6f' },
  },
  occupied: {
    swatch: { shape: 'area', colour: '#e07a62', outline: '#b5614d' },
    fill: { colour: '#e07a62', opacity: 0.45, outline: '#b5614d' },
  },
  schematic: {
    swatch: { shape: 'dashed', colour: '#5c4a2e' },
    line: { colour: '#5c4a2e', width: [6, 1.5, 10, 3.5], dash: [2, 1.2], opacity: 0.95 },
    text: { size: 11, colour: '#5c4a2e', halo: '#ffffff', placement: 'line', font: 'italic' },
  },
  // A supply road in its own warm gold, never the story's accent: an emphasised road keeps its accent outline visible.
  road: {
    swatch: { shape: 'line', colour: '#d4a017' },
    line: { colour: '#d4a017', width: [6, 1.5, 11, 4], opacity: 1, casing: '#ffffff' },
  },
  range: {
    swatch: { shape: 'area', colour: '#7f1d1d', outline: '#7f1d1d' },
    fill: { colour: '#b91c1c', opacity: 0.14, outline: '#7f1d1d' },
  },
  crossing: {
    swatch: { shape: 'point', colour: INK },
    circle: { colour: INK, radius: 4, stroke: '#ffffff' },
    text: { size: 11, colour: INK, halo: '#ffffff' },
  },
  country: {
    swatch: { shape: 'line', colour: '#aaa49a' },
    line: { colour: '#aaa49a', width: [2, 0.5, 8, 1.4], opacity: 1 },
  },
  'country-name': {
    swatch: { shape: 'point', colour: '#6b665d' },
    text: { size: 12, colour: '#6b665d', halo: '#f7f5f0', font: 'bold', caps: { tracking: 0.2 } },
  },
} satisfies Record<string, StyleToken>;

export type StyleName = keyof typeof STYLES;

/** The tokens a layer may name in layers.json. */
export const STYLE_NAMES = Object.keys(STYLES) as StyleName[];

/** Looks up a token; the validator guarantees the name is known. */
export function styleFor(name: string): StyleToken {
  const style = (STYLES as Record<string, StyleToken>)[name];
  if (!style) throw new Error(`unknown style token "${name}"`);
  return style;
}
