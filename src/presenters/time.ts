/**
 * Times leave the server as ISO strings (UTC) plus a readable English UTC fallback for JSON clients.
 * Pages do not show `text`: partials/time.hbs writes `iso` with {{dateTime}}, in the render's
 * language (pages and live fragments alike), so no presenter needs the viewer's locale; the page's
 * script then re-renders each <time> in the viewer's own time zone, in the page's language.
 */
export interface TimeView {
  iso: string;
  text: string;
}

const FALLBACK = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export function presentTime(date: Date): TimeView {
  return { iso: date.toISOString(), text: `${FALLBACK.format(date)} UTC` };
}
