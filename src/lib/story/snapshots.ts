// Dated layers hold snapshots on a few key dates; a state's date shows the latest snapshot on or before it.

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

/** The dates present in a dated collection (its features' `date`), sorted. */
export function datesIn(collection: { features: { properties: Record<string, unknown> | null }[] }): string[] {
  return [...new Set(collection.features.map((feature) => String(feature.properties?.date ?? '').slice(0, 10)))].sort();
}
