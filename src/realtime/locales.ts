import type { Server } from 'socket.io';
import { Adapter } from 'socket.io-adapter';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../i18n/locales';

/**
 * The languages to render one audience's live fragments in, given how its room is named per
 * language. English always, as before there were languages, so an English-only course costs what it
 * did; another language only while a socket of that language is in its room. The in-memory adapter
 * (one process) knows every room exactly; with an adapter across processes this process sees only
 * its own sockets, so there every language is rendered rather than a viewer elsewhere missing events.
 */
export function localesListening(io: Server, room: (locale: Locale) => string): Locale[] {
  const adapter = io.of('/').adapter;
  const knowsEveryRoom = adapter.constructor === Adapter;
  return LOCALES.filter((locale) => locale === DEFAULT_LOCALE || !knowsEveryRoom || adapter.rooms.has(room(locale)));
}
