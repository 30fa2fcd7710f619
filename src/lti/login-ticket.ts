import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Storage } from '../storage/ports';

/**
 * What a login request carried besides the state Agora issued, kept (as a 'login' ticket keyed by
 * that state, for as long as the state lives) for the launch that answers it:
 * - the LTI platform-storage target (`lti_storage_target`), when the LMS offers that API: the
 *   browser then proves it started the login through the LMS's storage instead of a cookie;
 * - the login parameters, so that a launch whose cookie was blocked can offer to start the same
 *   login again in a new window, where the browser keeps cookies.
 */
export const LoginTicketData = z.object({
  issuer: z.string(),
  clientId: z.string(),
  loginHint: z.string(),
  targetLinkUri: z.string(),
  deploymentId: z.string().nullable(),
  messageHint: z.string().nullable(),
  storageTarget: z.string().nullable(),
  /** Origin of the LMS's OIDC authorisation endpoint: where platform-storage messages go. */
  platformOrigin: z.string(),
});
export type LoginTicketData = z.infer<typeof LoginTicketData>;

export async function findLoginTicket(storage: Storage, state: string, now: Date): Promise<LoginTicketData | null> {
  const ticket = await storage.ltiTickets.find('login', state, now);
  const data = ticket ? LoginTicketData.safeParse(ticket.data) : null;
  return data?.success ? data.data : null;
}

/**
 * The value stored in the LMS's platform storage for a state: derived from Agora's secret, so only
 * Agora can produce it, and only a browser holding it in its LMS storage can hand it back.
 */
export function platformStorageValue(secret: string, state: string): string {
  return createHmac('sha256', secret).update(`lti-platform-storage:${state}`).digest('base64url');
}

export function platformStorageKey(state: string): string {
  return `agora_state_${state}`;
}

export function matchesPlatformStorageValue(secret: string, state: string, value: string): boolean {
  const expected = Buffer.from(platformStorageValue(secret, state));
  const given = Buffer.from(value);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The same login again, as a URL a new top-level window can open (where cookies are first-party). */
export function loginUrlFor(publicUrl: string, login: LoginTicketData): string {
  const url = new URL(`${publicUrl}/lti/login`);
  url.searchParams.set('iss', login.issuer);
  url.searchParams.set('client_id', login.clientId);
  url.searchParams.set('login_hint', login.loginHint);
  url.searchParams.set('target_link_uri', login.targetLinkUri);
  if (login.deploymentId) url.searchParams.set('lti_deployment_id', login.deploymentId);
  if (login.messageHint) url.searchParams.set('lti_message_hint', login.messageHint);
  return url.toString();
}
