import { createHash } from 'node:crypto';
import { AppError, badRequest, notFound } from '../../domain/errors';
import { HOTSEAT_LIMITS, phaseAt, type Hotseat } from '../../domain/hotseat';
import { newId, newSecret } from '../../domain/ids';
import type { CommandContext } from '../context';
import { announce, recordInTransaction } from '../discussion/support';
import { authorizeInHotseat, type HotseatScope } from './access';

/** Guest hosts are people Agora creates itself; their identity lives under this issuer, never an LMS's. */
export const GUEST_ISSUER = 'urn:agora:guest-host';

const hashInvitation = (token: string) => createHash('sha256').update(`hotseat-invitation:${token}`).digest('hex');

/**
 * Staff create a single-use link for a guest host. The token is shown once, to staff; only its
 * hash is stored. It expires after a week or when the hotseat closes, whichever comes first.
 */
export async function createInvitation(ctx: CommandContext, scope: HotseatScope): Promise<{ token: string; expiresAt: Date }> {
  authorizeInHotseat(scope, 'hotseat.manage');
  if (scope.phase === 'closed') throw badRequest('HOTSEAT_CLOSED', 'This hotseat has closed; a guest can no longer host it.');
  // A draft is seen by course staff only, so a guest who accepted would find nothing behind the link.
  if (scope.phase === 'draft') throw badRequest('HOTSEAT_DRAFT', 'Publish this hotseat first, then invite a guest host: until then only course staff can see it.');
  const now = ctx.now();
  const token = newSecret();
  const expiresAt = new Date(Math.min(now.getTime() + HOTSEAT_LIMITS.invitationTtlMs, scope.hotseat.endsAt.getTime()));
  await ctx.storage.hotseatInvitations.create({
    tokenHash: hashInvitation(token), hotseatId: scope.hotseat.id, courseId: scope.course.id, createdBy: scope.actor.person.id,
    createdAt: now, expiresAt, usedAt: null, usedBy: null,
  });
  return { token, expiresAt };
}

/** What the invitation page shows before the guest accepts (it does not use the link up). */
export async function previewInvitation(ctx: CommandContext, token: string): Promise<{ hotseat: Hotseat; courseTitle: string }> {
  const { hotseat, courseTitle } = await usableInvitation(ctx, token);
  return { hotseat, courseTitle };
}

async function usableInvitation(ctx: CommandContext, token: string) {
  const invitation = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await ctx.storage.hotseatInvitations.find(hashInvitation(token)) : null;
  if (!invitation) throw notFound('INVITATION_NOT_FOUND', 'This invitation link is not valid. Check that you copied all of it, or ask the course staff for a new one.');
  if (invitation.usedAt) throw new AppError('INVITATION_USED', 410, 'This invitation link has already been used; each link works once. Ask the course staff for a new one if you need it.');
  const now = ctx.now();
  if (invitation.expiresAt.getTime() <= now.getTime()) throw new AppError('INVITATION_EXPIRED', 410, 'This invitation link has expired. Ask the course staff for a new one.');
  const [hotseat, course] = await Promise.all([ctx.storage.hotseats.findById(invitation.courseId, invitation.hotseatId), ctx.storage.courses.findById(invitation.courseId)]);
  if (!hotseat || !course) throw notFound('INVITATION_NOT_FOUND', 'The hotseat this link was for no longer exists.');
  if (phaseAt(hotseat, now) === 'closed') throw new AppError('INVITATION_EXPIRED', 410, 'The hotseat this link was for has already closed.');
  return { invitation, hotseat, courseTitle: course.title };
}

/**
 * The guest accepts: a person is created for them with the name and bio they chose, and they
 * become a host of this one hotseat. The link is used up in the same transaction, so of two
 * tabs racing, one gets in and the other is told the link was used.
 */
export async function acceptInvitation(ctx: CommandContext, token: string, input: { name: string; bio: string }): Promise<{ personId: string; hotseat: Hotseat }> {
  const { invitation, hotseat } = await usableInvitation(ctx, token);
  const name = input.name.replace(/\s+/g, ' ').trim();
  if (name.length < 2 || name.length > HOTSEAT_LIMITS.guestNameLength) throw badRequest('INVALID_NAME', `Give the name people will see, 2 to ${HOTSEAT_LIMITS.guestNameLength} characters.`);
  const bio = input.bio.trim();
  if (bio.length > HOTSEAT_LIMITS.bioLength) throw badRequest('BIO_TOO_LONG', `Keep your introduction under ${HOTSEAT_LIMITS.bioLength} characters.`);
  const now = ctx.now();
  const personId = newId(now.getTime());
  const recorded = await ctx.storage.transaction(async (tx) => {
    const person = await tx.people.upsertByIdentity(
      { issuer: GUEST_ISSUER, subject: personId },
      { id: personId, name, givenName: null, familyName: null, email: null, now },
    );
    if (!(await tx.hotseatInvitations.use(invitation.tokenHash, person.id, now))) {
      throw new AppError('INVITATION_USED', 410, 'This invitation link has already been used; each link works once. Ask the course staff for a new one if you need it.');
    }
    await tx.hotseatHosts.add({ hotseatId: hotseat.id, courseId: hotseat.courseId, personId: person.id, kind: 'guest', bio: bio || null, addedAt: now });
    return recordInTransaction(tx, { type: 'hotseat.changed', courseId: hotseat.courseId, space: 'hotseat', actorId: person.id, hotseatId: hotseat.id, change: 'hosts' }, [], now);
  });
  announce(ctx, recorded);
  return { personId, hotseat };
}

/** Staff take a guest host off the hotseat (their past answers stay). */
export async function removeGuestHost(ctx: CommandContext, scope: HotseatScope, personId: string): Promise<void> {
  authorizeInHotseat(scope, 'hotseat.manage');
  const host = await ctx.storage.hotseatHosts.find(scope.hotseat.id, personId);
  if (host?.kind !== 'guest') throw notFound('HOST_NOT_FOUND', 'That person is not a guest host of this hotseat.');
  const now = ctx.now();
  const recorded = await ctx.storage.transaction(async (tx) => {
    await tx.hotseatHosts.remove(scope.hotseat.id, personId);
    return recordInTransaction(tx, { type: 'hotseat.changed', courseId: scope.course.id, space: 'hotseat', actorId: scope.actor.person.id, hotseatId: scope.hotseat.id, change: 'hosts' }, [], now);
  });
  announce(ctx, recorded);
}
