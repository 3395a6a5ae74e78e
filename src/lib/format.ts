// How the explainer writes dates and numbers for readers: one place, so the legend, the date control, the chart and
// the live description agree.

// Made once: building an Intl formatter costs far more than using one (toLocaleDateString builds one per call).
let dateFormat: Intl.DateTimeFormat | undefined;

/** Formats YYYY-MM-DD (or a longer ISO time) as "12 March 2025". */
export function formatDate(date: string): string {
  dateFormat ??= new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return dateFormat.format(new Date(`${date.slice(0, 10)}T00:00:00Z`));
}

let monthFormat: Intl.DateTimeFormat | undefined;

/** Formats a date as a short axis tick: "Oct 24". */
export function formatMonthTick(date: Date): string {
  monthFormat ??= new Intl.DateTimeFormat('en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' });
  return monthFormat.format(date);
}
