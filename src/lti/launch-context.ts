import { CLAIM, DeepLinkingSettings, GradeServiceClaim, NamesRolesClaim, type MessageType } from './claims';
import { targetOfLaunch, type AgoraTarget } from './targets';

/**
 * Everything the rest of Agora may know about a verified launch. Built only from claims the launch
 * guard verified (signature, audience, nonce, deployment, target); nothing outside src/lti sees a
 * raw LTI claim.
 */
export interface LaunchContext {
  messageType: MessageType;
  issuer: string;
  clientId: string;
  deploymentId: string;
  user: {
    subject: string;
    name: string | null;
    givenName: string | null;
    familyName: string | null;
    email: string | null;
  };
  roles: string[];
  course: { contextId: string; title: string; label: string | null };
  resourceLink: { id: string; title: string | null } | null;
  locale: string | null;
  returnUrl: string | null;
  /** Custom parameters as sent; values Canvas could not resolve arrive as their literal `$Name`. */
  custom: Record<string, string>;
  targetLinkUri: string;
  /** The item a deep-linked link asks for, or null for the course home. */
  target: AgoraTarget | null;
  /**
   * The LTI services this launch offers for its course; `lineItemUrl` is the grade column of the
   * link that was opened, when the LMS made it a graded activity.
   */
  services: { membershipsUrl: string | null; lineItemsUrl: string | null; lineItemUrl: string | null; gradeScopes: string[] };
  /** For a deep linking request: what the LMS accepts back and where. */
  deepLinking: {
    returnUrl: string;
    acceptTypes: string[];
    acceptMultiple: boolean;
    documentTargets: string[];
    title: string | null;
    data: string | null;
  } | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
/** A BCP 47 tag ("es-MX"; some LMSs send "es_MX"), or null: the value is stored on the person, so nothing else gets in. */
const localeTag = (value: unknown): string | null => {
  const tag = text(value);
  return tag !== null && tag.length <= 35 && /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/.test(tag) ? tag : null;
};
const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : {});

/** `claims` has passed LaunchClaims and every check of the launch guard. */
export function launchContextFromClaims(claims: Record<string, unknown>, clientId: string): LaunchContext {
  const course = record(claims[CLAIM.context]);
  const link = record(claims[CLAIM.resourceLink]);
  const presentation = record(claims[CLAIM.launchPresentation]);
  const custom: Record<string, string> = {};
  for (const [name, value] of Object.entries(record(claims[CLAIM.custom]))) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') custom[name] = String(value);
  }
  const targetLinkUri = text(claims[CLAIM.targetLinkUri]) ?? '';
  const messageType = claims[CLAIM.messageType] as MessageType;
  const namesRoles = NamesRolesClaim.safeParse(claims[CLAIM.namesRoles]);
  const grades = GradeServiceClaim.safeParse(claims[CLAIM.gradeService]);
  const settings = messageType === 'LtiDeepLinkingRequest' ? DeepLinkingSettings.safeParse(claims[CLAIM.deepLinkingSettings]) : null;
  return {
    messageType,
    issuer: String(claims.iss),
    clientId,
    deploymentId: String(claims[CLAIM.deploymentId]),
    user: {
      subject: String(claims.sub),
      name: text(claims.name),
      givenName: text(claims.given_name),
      familyName: text(claims.family_name),
      email: text(claims.email),
    },
    roles: (claims[CLAIM.roles] as string[]).filter((role) => role.trim() !== ''),
    course: {
      contextId: String(course.id),
      title: text(course.title) ?? text(course.label) ?? 'Untitled course',
      label: text(course.label),
    },
    resourceLink: text(link.id) ? { id: text(link.id)!, title: text(link.title) } : null,
    locale: localeTag(presentation.locale),
    returnUrl: text(presentation.return_url),
    custom,
    targetLinkUri,
    target: messageType === 'LtiResourceLinkRequest' ? targetOfLaunch(custom, targetLinkUri) : null,
    services: {
      membershipsUrl: namesRoles.success ? namesRoles.data.context_memberships_url : null,
      lineItemsUrl: grades.success ? (grades.data.lineitems ?? null) : null,
      lineItemUrl: grades.success ? (grades.data.lineitem ?? null) : null,
      gradeScopes: grades.success ? grades.data.scope : [],
    },
    deepLinking: settings?.success
      ? {
        returnUrl: settings.data.deep_link_return_url,
        acceptTypes: settings.data.accept_types,
        acceptMultiple: settings.data.accept_multiple ?? true,
        documentTargets: settings.data.accept_presentation_document_targets,
        title: text(settings.data.title),
        data: settings.data.data ?? null,
      }
      : null,
  };
}
