import type { Id } from './ids';

/** Where a course comes from: one LMS context seen through one tool deployment. */
export interface CourseKey {
  issuer: string;
  clientId: string;
  deploymentId: string;
  contextId: string;
}

export interface Course extends CourseKey {
  id: Id;
  title: string;
  label: string | null;
  createdAt: Date;
}

export type SpaceKind = 'discussion' | 'hotseat' | 'alumni';
export const SPACE_KINDS: readonly SpaceKind[] = ['discussion', 'hotseat', 'alumni'];
