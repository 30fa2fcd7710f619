/** What the Spanish-page tests share. */

/** "22 nov 2026, 14:30 UTC": a Spanish medium date with a short time, as pages render it (months in lower case). */
export const SPANISH_DATE_TIME = /\d{1,2} (ene|feb|mar|abr|may|jun|jul|ago|sept?|oct|nov|dic) \d{4}, \d{2}:\d{2} UTC/;

/** The locale an LMS set to Mexican Spanish asks for in its launches (the launch_presentation claim). */
export const SPANISH_LAUNCH_LOCALE = 'es-MX';

/** Every sentence must stand in the page; one expectation each, so a failure names the missing one. */
export function expectToContainAll(html: string, sentences: readonly string[]): void {
  for (const sentence of sentences) expect(html).toContain(sentence);
}
