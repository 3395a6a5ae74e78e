// How the explainer writes dates and numbers for readers: one place, so the legend, the date control, the chart and
// the live description agree.

/** The months' names in English, January first. */
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

// Written by hand, not with Intl: the first Intl date formatter of a page loads the locale's data, a long task on a
// phone, for a format this simple.

/** Formats YYYY-MM-DD (or a longer ISO time) as "12 March 2025". */
export function formatDate(date: string): string {
  const [year = '', month = '', day = ''] = date.slice(0, 10).split('-');
  return `${Number(day)} ${MONTHS[Number(month) - 1] ?? month} ${year}`;
}

/** Formats a date as a short axis tick: "Oct 24". */
export function formatMonthTick(date: Date): string {
  return `${(MONTHS[date.getUTCMonth()] ?? '').slice(0, 3)} ${String(date.getUTCFullYear() % 100).padStart(2, '0')}`;
}
