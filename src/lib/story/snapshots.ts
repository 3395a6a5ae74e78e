// Dated layers hold snapshots on a few key dates; a date shows the latest snapshot on or before it. This is the one
// place that rule is written: the map state, the legend, the date control and the build's figures all ask it.
import type { Snapshot } from './types.ts';

/**
 * The snapshot date to draw for a requested date: the latest available on or before it, else the earliest.
 * @param available snapshot dates (YYYY-MM-DD), sorted ascending
 */
export function snapshotDateFor(available: readonly string[], date: string): string | undefined {
  let chosen: string | undefined;
  for (const candidate of available) {
    if (candidate <= date) chosen = candidate;
    else break;
  }
  return chosen ?? available[0];
}

/** The snapshot of a dated layer that a date shows (see snapshotDateFor); undefined when the layer has none. */
export function snapshotFor(snapshots: readonly Snapshot[], date: string): Snapshot | undefined {
  const shown = snapshotDateFor(
    snapshots.map((snapshot) => snapshot.date),
    date,
  );
  return snapshots.find((snapshot) => snapshot.date === shown);
}

/** The dates present in a dated collection (its features' `date`), sorted. */
export function datesIn(collection: { features: { properties: Record<string, unknown> | null }[] }): string[] {
  return [...new Set(collection.features.map((feature) => String(feature.properties?.date ?? '').slice(0, 10)))].sort();
}
