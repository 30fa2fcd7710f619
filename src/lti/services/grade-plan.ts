import type { MessageKey } from '../../i18n/messages';
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
  /** `reason` names what is missing; GRADE_SERVICE_PROBLEMS gives the sentence (the staff page, the stored push error). */
  | { ok: false; reason: GradeServiceProblem };

export type GradeServiceProblem = 'service-missing' | 'score-not-allowed' | 'line-items-not-allowed';

/** What stops Agora from sending scores, as catalog sentences said in each reader's language. */
export const GRADE_SERVICE_PROBLEMS = {
  'service-missing': 'grades.problemServiceMissing',
  'score-not-allowed': 'grades.problemScoreNotAllowed',
  'line-items-not-allowed': 'grades.problemLineItemsNotAllowed',
} as const satisfies Record<GradeServiceProblem, MessageKey>;

export function planGradeService(services: CourseLtiServices | null, push: GradePushState): GradeServicePlan {
  const known = push.lineItemUrl && push.lineItemSource ? { kind: 'known' as const, url: push.lineItemUrl, source: push.lineItemSource } : null;
  const fromLaunch = push.launchLineItemUrl ? { kind: 'launch' as const, url: push.launchLineItemUrl } : null;
  if (!services || (!services.lineItemsUrl && !known && !fromLaunch)) return { ok: false, reason: 'service-missing' };
  const granted = new Set(services.gradeScopes);
  if (!granted.has(AGS_SCOPE.score)) {
    return { ok: false, reason: 'score-not-allowed' };
  }
  const canCreate = granted.has(AGS_SCOPE.lineItem);
  const canRead = canCreate || granted.has(AGS_SCOPE.lineItemReadonly);
  const base = {
    ok: true as const, issuer: services.issuer, clientId: services.clientId, canReadLineItems: canRead,
    scopes: canRead ? [AGS_SCOPE.score, canCreate ? AGS_SCOPE.lineItem : AGS_SCOPE.lineItemReadonly] : [AGS_SCOPE.score],
  };
  if (known ?? fromLaunch) return { ...base, lineItem: (known ?? fromLaunch)! };
  if (!canRead) {
    return { ok: false, reason: 'line-items-not-allowed' };
  }
  return { ...base, lineItem: { kind: 'find-or-create', lineItemsUrl: services.lineItemsUrl!, canCreate } };
}
