// How the explainer writes dates and numbers for readers: one place, so the legend, the date control, the chart and
// the live description agree.

/** Formats YYYY-MM-DD (or a longer ISO time) as "12 March 2025". */
export function formatDate(date: string): string {
  const parsed = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  return parsed.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
