import { z } from 'zod';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales';
import type { NestedMessage } from '../i18n/translate';

/**
 * The socket protocol, typed and validated in one place. Every client request has an ack of the
 * form {ok:true, data} or {ok:false, error:{code, message}}.
 */
export const JoinCourse = z.object({
  courseId: z.string().min(1).max(64),
  /** The last event number this client saw; events after it are replayed so nothing is missed. */
  afterSeq: z.number().int().min(0).optional(),
});
export type JoinCourse = z.infer<typeof JoinCourse>;

export type Ack<T> = (response: { ok: true; data: T } | { ok: false; error: { code: string; message: string } }) => void;

/**
 * Rooms: one per course (presence), one per course, role and language (what staff and learners may
 * see differs, and fragments are rendered in the viewer's language; English rooms keep their plain
 * name), and one per person in a course (what only the author sees of their own posts).
 */
export const courseRoom = (courseId: string) => `course:${courseId}`;
export const roleRoom = (courseId: string, role: 'staff' | 'learner', locale: Locale = DEFAULT_LOCALE) =>
  (locale === DEFAULT_LOCALE ? `course:${courseId}:${role}` : `course:${courseId}:${role}:${locale}`);
export const personRoom = (courseId: string, personId: string) => `course:${courseId}:person:${personId}`;

/** At most this many missed events are replayed; beyond that the client is told to reload. */
export const MAX_REPLAY = 500;

export interface PresenceEntry {
  personId: string;
  name: string;
  /** Where Agora words the name itself ("Member 1a2b"): the page says it in its own language. */
  nameMessage?: NestedMessage | null;
  initials: string;
  role: 'staff' | 'learner';
}
