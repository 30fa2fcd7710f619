import type { Course } from './course';
import type { Id } from './ids';

/**
 * The alumni space: a community spans every run (cohort) of a course. Its discussion is an
 * ordinary discussion room whose course is a synthetic "space course" owned by the community
 * (not an LMS course), so threads, replies, events and notifications are scoped by its id.
 */

/** What current learners of linked courses may do in the community's space. */
export type LearnerAccess = 'post' | 'read' | 'hidden';
export const LEARNER_ACCESS: readonly LearnerAccess[] = ['post', 'read', 'hidden'];

export interface Community {
  id: Id;
  name: string;
  /** Staff of another course type this to link their course; unique. */
  joinCode: string;
  /** The synthetic course that scopes the community's discussion. */
  spaceCourseId: Id;
  learnerAccess: LearnerAccess;
  /** The staff view calls the community quiet after this many days without a post. */
  quietDays: number;
  createdBy: Id;
  createdAt: Date;
}

/**
 * What Agora knows of an LMS course for the alumni space: facts from its launches (end date,
 * course-copy lineage, term) and, once staff link it, its community, cohort label and graduation.
 */
export interface AlumniCourse {
  courseId: Id;
  endsAt: Date | null;
  /** Context ids of the courses this one was copied from, most recent first. */
  copiedFrom: string[];
  term: string | null;
  communityId: Id | null;
  cohortLabel: string | null;
  linkedBy: Id | null;
  linkedAt: Date | null;
  graduatedAt: Date | null;
  /** Who pressed "graduate this cohort"; null when the end date did it. */
  graduatedBy: Id | null;
  updatedAt: Date;
}

/** A person who finished one cohort of the community; someone who took two runs has two records. */
export interface Alumnus {
  communityId: Id;
  personId: Id;
  courseId: Id;
  cohortLabel: string;
  graduatedAt: Date;
}

/** An opt-in profile in one community. Off (not visible) until its owner turns it on. */
export interface AlumniProfile {
  communityId: Id;
  personId: Id;
  visible: boolean;
  displayName: string;
  bio: string;
  tags: string[];
  happyToBeAsked: boolean;
  updatedAt: Date;
}

/** A person's consent to sign in by email, with the address the LMS shared when they gave it. */
export interface EmailSignIn {
  personId: Id;
  email: string;
  optedInAt: Date;
}

/** A sign-in link sent by email. Only the token's hash is stored; used once, within 15 minutes. */
export interface SignInLink {
  tokenHash: string;
  personId: Id;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export type PromptTarget = 'space' | 'course';

/** A question Agora posts by itself at a set time (and again every `repeatDays`, when set). */
export interface Prompt {
  id: Id;
  communityId: Id;
  target: PromptTarget;
  /** The course whose room receives the thread: the space course, or a linked LMS course. */
  courseId: Id;
  authorId: Id;
  title: string;
  body: string;
  /** Null once a one-off prompt was posted or the prompt was cancelled. */
  nextPostAt: Date | null;
  repeatDays: number | null;
  lastPostedAt: Date | null;
  lastThreadId: Id | null;
  createdAt: Date;
  cancelledAt: Date | null;
}

/** An "Ask alumni" question: a question thread in the space, with the expertise it asks for. */
export interface AlumniQuestion {
  threadId: Id;
  communityId: Id;
  askerId: Id;
  tags: string[];
  notifiedCount: number;
  createdAt: Date;
}

export const ALUMNI_LIMITS = {
  nameMax: 120,
  cohortLabelMax: 80,
  displayNameMax: 80,
  bioMax: 600,
  tagsMax: 8,
  tagMax: 40,
  quietDaysMax: 365,
  /** A sign-in link works this long after it was sent. */
  signInLinkMs: 15 * 60 * 1000,
} as const;

/**
 * Space courses have a key no LMS can produce (LTI issuers are https URLs), so they can never
 * collide with a launched course, and can be recognised without another query.
 */
export const SPACE_COURSE_ISSUER = 'urn:agora:alumni-community';

export function spaceCourseKey(communityId: Id) {
  return { issuer: SPACE_COURSE_ISSUER, clientId: 'agora', deploymentId: 'agora', contextId: communityId };
}

export function isCommunitySpace(course: Pick<Course, 'issuer'>): boolean {
  return course.issuer === SPACE_COURSE_ISSUER;
}

/** Expertise tags as stored: trimmed, lower-case, single-spaced, unique, in the order given. */
export function normaliseTags(raw: readonly string[]): string[] {
  const tags = raw.flatMap((t) => t.split(',')).map((t) => t.replace(/\s+/g, ' ').trim().toLowerCase()).filter(Boolean);
  return [...new Set(tags)];
}

/** The default cohort label: the course's short label (or title) and its term when the LMS sent one. */
export function defaultCohortLabel(course: Pick<Course, 'title' | 'label'>, term: string | null): string {
  return [course.label ?? course.title, term].filter(Boolean).join(' · ').slice(0, ALUMNI_LIMITS.cohortLabelMax);
}
