import type { Id } from './ids';

/** Agora knows two kinds of course members; every finer LTI role folds into one of them. */
export type CourseRole = 'staff' | 'learner';

export interface Membership {
  courseId: Id;
  personId: Id;
  role: CourseRole;
  /** The LTI role URIs from the latest launch, kept for audit and later finer policies. */
  ltiRoles: string[];
  /** For a member known only from the LMS roster (source 'roster'): when the roster first and last listed them. */
  firstLaunchAt: Date;
  lastLaunchAt: Date;
  /**
   * How Agora learned of the membership: a launch, or only the LMS roster so far (never launched).
   * Adapters always fill it; optional so code that builds a Membership by hand still compiles.
   */
  source?: MembershipSource;
  /** When the LMS roster stopped listing the person; a removed member has no access. Null while a member. */
  removedAt?: Date | null;
}

export type MembershipSource = 'launch' | 'roster';

/** A membership that grants access: not removed by the roster. */
export function isActiveMember(membership: Pick<Membership, 'removedAt'>): boolean {
  return !membership.removedAt;
}
