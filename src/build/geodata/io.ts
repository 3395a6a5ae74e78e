// Reads source files and writes derived GeoJSON layers as compact, deterministic JSON (the same input always gives
// the same bytes), checking each feature's provenance on the way out. Build-time only.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { coordAll } from '@turf/turf';
import type { Feature, FeatureCollection, GeoJsonProperties, Geometry } from 'geojson';
import { checkFeature, type StampedProperties } from './provenance.ts';

/** Size of a written layer. */
export interface LayerStats {
  file: string;
  features: number;
  vertices: number;
  /** Bytes as written. */
  raw: number;
  /** Bytes gzipped at level 9, about what a browser downloads. */
  gzip: number;
}

/** Reads a JSON file; the caller names the type it expects, unchecked. */
export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Reads a GeoJSON FeatureCollection, throwing if the file holds anything else. */
export function readFeatureCollection<G extends Geometry = Geometry, P extends GeoJsonProperties = GeoJsonProperties>(
  file: string,
): FeatureCollection<G, P> {
  const data = readJson<Partial<FeatureCollection<G, P>>>(file);
  if (data.type !== 'FeatureCollection' || !Array.isArray(data.features))
    throw new Error(`${file}: not a GeoJSON FeatureCollection`);
  return data as FeatureCollection<G, P>;
}

/** The paths among `files` that do not exist. */
export function missingFiles(files: readonly string[]): string[] {
  return files.filter((file) => !existsSync(file));
}

/** Writes a text file, creating its folder. */
export function writeText(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/**
 * Checks and writes features as a compact FeatureCollection to `dir/name`, and returns its size.
 * @throws if two features share an id or one lacks provenance or valid geometry (see checkFeature)
 */
export function writeFeatureCollection(
  dir: string,
  name: string,
  features: Feature<Geometry, StampedProperties>[],
): LayerStats {
  const ids = new Set<string>();
  for (const f of features) {
    if (ids.has(f.properties.id)) throw new Error(`${name}: duplicate id ${f.properties.id}`);
    ids.add(f.properties.id);
    checkFeature(name, f);
  }
  const collection: FeatureCollection<Geometry, StampedProperties> = { type: 'FeatureCollection', features };
  const text = JSON.stringify(collection);
  writeText(join(dir, name), text);
  const bytes = Buffer.from(text);
  return {
    file: name,
    features: features.length,
    vertices: coordAll(collection).length,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
  };
}
