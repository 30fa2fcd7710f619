import type { Id } from './ids';

/** Agora knows two kinds of course members; every finer LTI role folds into one of them. */
export type CourseRole = 'staff' | 'learner';

export interface Membership {
  courseId: Id;
  personId: Id;
  role: CourseRole;
  /** The LTI role URIs from the latest launch, kept for audit and later finer policies. */
  ltiRoles: string[];
  firstLaunchAt: Date;
  lastLaunchAt: Date;
}
