/**
 * Times leave the server as ISO strings (UTC) plus a readable UTC fallback; the page's script
 * re-renders them in the viewer's own time zone and language.
 */
export interface TimeView {
  iso: string;
  text: string;
}

const FALLBACK = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export function presentTime(date: Date): TimeView {
  return { iso: date.toISOString(), text: `${FALLBACK.format(date)} UTC` };
}
