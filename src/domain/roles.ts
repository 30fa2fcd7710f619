import type { CourseRole } from './membership';

/**
 * LTI 1.3 roles arrive as context (membership) URIs, institution or system URIs, or, from
 * older platforms, bare names ("Instructor"). What makes someone staff here:
 * - a context role of Instructor, TeachingAssistant or Administrator (any sub-role of them too);
 * - an institution or system Administrator (LMS admins who open a course without an enrolment).
 * Institution "Instructor" is not enough: Canvas sends it for anyone who teaches anywhere in the
 * institution, even in a course where they are a student. Everything else, including no role
 * or a role we do not know, is a learner: least privilege.
 */
const CONTEXT_STAFF = new Set(['Instructor', 'TeachingAssistant', 'Administrator']);
const GLOBAL_STAFF = new Set(['Administrator', 'SysAdmin']);

const CONTEXT_ROLE = /^http:\/\/purl\.imsglobal\.org\/vocab\/lis\/v2\/membership(?:\/(\w+))?#(\w+)$/;
const GLOBAL_ROLE = /^http:\/\/purl\.imsglobal\.org\/vocab\/lis\/v2\/(?:institution|system)\/person#(\w+)$/;
const BARE_ROLE = /^\w+$/;

function isStaffRole(uri: string): boolean {
  const role = uri.trim();
  const context = CONTEXT_ROLE.exec(role);
  if (context) return CONTEXT_STAFF.has(context[1] ?? context[2]!);
  const global = GLOBAL_ROLE.exec(role);
  if (global) return GLOBAL_STAFF.has(global[1]!);
  // LTI 1.1-style short names are context roles by definition.
  return BARE_ROLE.test(role) && CONTEXT_STAFF.has(role);
}

export function courseRoleFromLti(roles: readonly string[]): CourseRole {
  return roles.some(isStaffRole) ? 'staff' : 'learner';
}
