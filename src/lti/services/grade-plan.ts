import type { GradePushState, LineItemSource } from '../../storage/grades-ports';
import type { CourseLtiServices } from '../../storage/lti-ports';
import { AGS_SCOPE } from './assignment-grades';

/**
 * How Agora can reach the course's gradebook, decided from what launches told it (stored service
 * URLs and granted scopes) without calling the LMS, so the staff page can say in plain words what
 * is missing before any push fails. The order of preference for the line item:
 * 1. the one already in use (it stays until the LMS says it is gone);
 * 2. the one a launch named (Agora added to the course as a graded activity);
 * 3. Agora's own, found among the course's line items or created there.
 */
export type LineItemPlan =
  | { kind: 'known'; url: string; source: LineItemSource }
  | { kind: 'launch'; url: string }
  | { kind: 'find-or-create'; lineItemsUrl: string; canCreate: boolean };

export type GradeServicePlan =
  | {
    ok: true; issuer: string; clientId: string; lineItem: LineItemPlan;
    /** What the token asks for: scores, and line items (to find, create or check one) when the LMS granted it. */
    scopes: string[];
    canReadLineItems: boolean;
  }
  /** `problem` in English (logs, the stored push error); `reason` lets a page say it in its reader's language. */
  | { ok: false; problem: string; reason: GradeServiceProblem };

export type GradeServiceProblem = 'service-missing' | 'score-not-allowed' | 'line-items-not-allowed';

export const GRADE_SERVICE_MISSING = 'Your LMS has not offered Agora its grade service (Assignment and Grade Services) for this course, so Agora cannot send scores. An LMS administrator can enable the service for the tool (in Moodle: "IMS LTI Assignment and Grade Services"; in Canvas: the developer key\'s grade scopes); it takes effect the next time someone opens Agora from the course.';

export function planGradeService(services: CourseLtiServices | null, push: GradePushState): GradeServicePlan {
  const known = push.lineItemUrl && push.lineItemSource ? { kind: 'known' as const, url: push.lineItemUrl, source: push.lineItemSource } : null;
  const fromLaunch = push.launchLineItemUrl ? { kind: 'launch' as const, url: push.launchLineItemUrl } : null;
  if (!services || (!services.lineItemsUrl && !known && !fromLaunch)) return { ok: false, problem: GRADE_SERVICE_MISSING, reason: 'service-missing' };
  const granted = new Set(services.gradeScopes);
  if (!granted.has(AGS_SCOPE.score)) {
    return {
      ok: false,
      reason: 'score-not-allowed',
      problem: 'Your LMS offers its grade service to Agora but does not allow it to send scores (the "score" permission of Assignment and Grade Services is missing). An LMS administrator can allow it for the tool; it takes effect the next time someone opens Agora from the course.',
    };
  }
  const canCreate = granted.has(AGS_SCOPE.lineItem);
  const canRead = canCreate || granted.has(AGS_SCOPE.lineItemReadonly);
  const base = {
    ok: true as const, issuer: services.issuer, clientId: services.clientId, canReadLineItems: canRead,
    scopes: canRead ? [AGS_SCOPE.score, canCreate ? AGS_SCOPE.lineItem : AGS_SCOPE.lineItemReadonly] : [AGS_SCOPE.score],
  };
  if (known ?? fromLaunch) return { ...base, lineItem: (known ?? fromLaunch)! };
  if (!canRead) {
    return {
      ok: false,
      reason: 'line-items-not-allowed',
      problem: 'Your LMS lets Agora send scores but not create or look up a grade column for them. Either add Agora to the course as a graded activity (its launches then name the grade column), or have an LMS administrator allow the tool to manage grade columns (line items).',
    };
  }
  return { ...base, lineItem: { kind: 'find-or-create', lineItemsUrl: services.lineItemsUrl!, canCreate } };
}
