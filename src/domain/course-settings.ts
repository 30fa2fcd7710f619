import type { Anonymity } from './discussion';
import type { Id } from './ids';

/** What staff decide for their course's room. */
export interface CourseSettings {
  courseId: Id;
  /** The most anonymity authors may choose; each post records its own choice. */
  anonymity: Anonymity;
  /** Markdown that learners accept once before their first post; null when there is none. */
  postingPolicy: string | null;
  /** Bumped whenever the policy text changes, so learners accept the new version. */
  policyVersion: number;
  updatedAt: Date;
}

export const DEFAULT_SETTINGS = (courseId: Id, now: Date): CourseSettings => ({
  courseId,
  anonymity: 'peers',
  postingPolicy: null,
  policyVersion: 0,
  updatedAt: now,
});
