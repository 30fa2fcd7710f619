import { createHash } from 'node:crypto';
import { newSecret } from '../../domain/ids';
import type { Storage } from '../../storage/ports';

/**
 * Dynamic registration lets an LMS administrator register Agora by pasting one URL. ltijs serves
 * that URL to anyone, so anyone who finds it could register an "LMS" of their own. Agora's
 * registration URL instead carries an invitation an Agora administrator created
 * (`npm run registration -- invite`): valid for a limited time, good for one registration, and
 * stored only as a hash so a copy of the database does not hold usable invitations.
 */
export const DEFAULT_INVITE_HOURS = 24;

const hash = (token: string) => createHash('sha256').update(token).digest('base64url');

export async function createInvite(storage: Storage, now: Date, hours = DEFAULT_INVITE_HOURS): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + hours * 3600 * 1000);
  await storage.ltiTickets.create({ kind: 'registration-invite', id: hash(token), data: {}, createdAt: now, expiresAt });
  return { token, expiresAt };
}

export async function inviteIsValid(storage: Storage, token: string, now: Date): Promise<boolean> {
  return (await storage.ltiTickets.find('registration-invite', hash(token), now)) !== null;
}

/** Uses the invitation up, atomically: of two registrations racing with it, one gets it. */
export async function useInvite(storage: Storage, token: string, now: Date): Promise<boolean> {
  return (await storage.ltiTickets.take('registration-invite', hash(token), now)) !== null;
}

export function registrationUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/lti/register/${token}`;
}
