import type { Locale } from '../../i18n/locales';
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
  if (scope.phase === 'closed') throw badRequest('HOTSEAT_CLOSED', 'errors.inviteHotseatClosed');
  // A draft is seen by course staff only, so a guest who accepted would find nothing behind the link.
  if (scope.phase === 'draft') throw badRequest('HOTSEAT_DRAFT', 'errors.inviteHotseatDraft');
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
  if (!invitation) throw notFound('INVITATION_NOT_FOUND', 'errors.invitationInvalid');
  if (invitation.usedAt) throw new AppError('INVITATION_USED', 410, 'errors.invitationUsed');
  const now = ctx.now();
  if (invitation.expiresAt.getTime() <= now.getTime()) throw new AppError('INVITATION_EXPIRED', 410, 'errors.invitationExpired');
  const [hotseat, course] = await Promise.all([ctx.storage.hotseats.findById(invitation.courseId, invitation.hotseatId), ctx.storage.courses.findById(invitation.courseId)]);
  if (!hotseat || !course) throw notFound('INVITATION_NOT_FOUND', 'errors.invitationHotseatGone');
  if (phaseAt(hotseat, now) === 'closed') throw new AppError('INVITATION_EXPIRED', 410, 'errors.invitationHotseatClosed');
  return { invitation, hotseat, courseTitle: course.title };
}

/**
 * The guest accepts: a person is created for them with the name and bio they chose, and they
 * become a host of this one hotseat. The link is used up in the same transaction, so of two
 * tabs racing, one gets in and the other is told the link was used.
 */
/** `locale`: the language the guest read the invitation in (they have no launch to say it), kept for their pages. */
export async function acceptInvitation(ctx: CommandContext, token: string, input: { name: string; bio: string; locale?: Locale }): Promise<{ personId: string; hotseat: Hotseat }> {
  const { invitation, hotseat } = await usableInvitation(ctx, token);
  const name = input.name.replace(/\s+/g, ' ').trim();
  if (name.length < 2 || name.length > HOTSEAT_LIMITS.guestNameLength) throw badRequest('INVALID_NAME', 'errors.guestNameLength', { max: HOTSEAT_LIMITS.guestNameLength });
  const bio = input.bio.trim();
  if (bio.length > HOTSEAT_LIMITS.bioLength) throw badRequest('BIO_TOO_LONG', 'errors.guestBioTooLong', { max: HOTSEAT_LIMITS.bioLength });
  const now = ctx.now();
  const personId = newId(now.getTime());
  const recorded = await ctx.storage.transaction(async (tx) => {
    const person = await tx.people.upsertByIdentity(
      { issuer: GUEST_ISSUER, subject: personId },
      { id: personId, name, givenName: null, familyName: null, email: null, locale: input.locale ?? null, now },
    );
    if (!(await tx.hotseatInvitations.use(invitation.tokenHash, person.id, now))) {
      throw new AppError('INVITATION_USED', 410, 'errors.invitationUsed');
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
  if (host?.kind !== 'guest') throw notFound('HOST_NOT_FOUND', 'errors.guestHostNotFound');
  const now = ctx.now();
  const recorded = await ctx.storage.transaction(async (tx) => {
    await tx.hotseatHosts.remove(scope.hotseat.id, personId);
    return recordInTransaction(tx, { type: 'hotseat.changed', courseId: scope.course.id, space: 'hotseat', actorId: scope.actor.person.id, hotseatId: scope.hotseat.id, change: 'hosts' }, [], now);
  });
  announce(ctx, recorded);
}
