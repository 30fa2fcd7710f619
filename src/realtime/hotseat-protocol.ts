import { z } from 'zod';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales';

/** The hotseat's part of the socket protocol; acks follow protocol.ts ({ok, data} or {ok:false, error}). */
export const HotseatRef = z.object({
  courseId: z.string().min(1).max(64),
  hotseatId: z.string().min(1).max(64),
});
export const HotseatVote = HotseatRef.extend({ questionId: z.string().min(1).max(64) });

export type HotseatAudience = 'staff' | 'guest' | 'learner';

/**
 * Everyone watching one hotseat; per audience and language (what staff, guest hosts and learners see
 * differs; fragments come in the viewer's language, English rooms keep their plain name); per person
 * (their own questions).
 */
export const hotseatRoom = (hotseatId: string) => `hotseat:${hotseatId}`;
export const hotseatAudienceRoom = (hotseatId: string, audience: HotseatAudience, locale: Locale = DEFAULT_LOCALE) =>
  (locale === DEFAULT_LOCALE ? `hotseat:${hotseatId}:${audience}` : `hotseat:${hotseatId}:${audience}:${locale}`);
export const hotseatPersonRoom = (hotseatId: string, personId: string) => `hotseat:${hotseatId}:person:${personId}`;

/** At most this often a hotseat's vote counts go out (10 per second), however fast votes arrive. */
export const RANKING_INTERVAL_MS = 100;
/** The watching count goes out at most this often per hotseat. */
export const WATCHING_INTERVAL_MS = 2_000;

/** A coalesced ranking update: the latest count of every question whose votes changed since the last one. */
export interface RankingUpdate {
  hotseatId: string;
  /** [questionId, voteCount, voteVersion]: compact, because it goes to every watcher ten times a second. */
  counts: Array<[string, number, number]>;
}
