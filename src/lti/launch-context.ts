import type { LtijsContextToken, LtijsIdToken } from 'ltijs';
import type { MessageType } from './claims';

/**
 * Everything the rest of Agora may know about a verified launch. Built only from what ltijs
 * verified; nothing outside src/lti sees ltijs's own token shapes.
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
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

export function toLaunchContext(token: LtijsIdToken, context: LtijsContextToken): LaunchContext {
  const course = context.context!;
  const presentation = context.launchPresentation ?? {};
  const custom: Record<string, string> = {};
  for (const [name, value] of Object.entries(context.custom ?? {})) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') custom[name] = String(value);
  }
  return {
    messageType: context.messageType as MessageType,
    issuer: token.iss,
    clientId: token.clientId,
    deploymentId: token.deploymentId,
    user: {
      subject: token.user,
      name: text(token.userInfo?.name),
      givenName: text(token.userInfo?.given_name),
      familyName: text(token.userInfo?.family_name),
      email: text(token.userInfo?.email),
    },
    roles: (context.roles ?? []).filter((role) => role.trim() !== ''),
    course: {
      contextId: course.id,
      title: text(course.title) ?? text(course.label) ?? 'Untitled course',
      label: text(course.label),
    },
    resourceLink: context.resource?.id ? { id: context.resource.id, title: text(context.resource.title) } : null,
    locale: text(presentation.locale),
    returnUrl: text(presentation.return_url),
    custom,
    targetLinkUri: context.targetLinkUri ?? '',
  };
}
