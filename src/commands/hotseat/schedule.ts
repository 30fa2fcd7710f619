import type { Course } from '../../domain/course';
import { badRequest, forbidden } from '../../domain/errors';
import type { HotseatChange } from '../../domain/events';
import { HOTSEAT_LIMITS, phaseAt, type Hotseat } from '../../domain/hotseat';
import { newId } from '../../domain/ids';
import type { Actor } from '../../policies/can';
import { canInHotseat } from '../../policies/hotseat';
import type { Repositories } from '../../storage/ports';
import type { CommandContext } from '../context';
import { announce, recordInTransaction } from '../discussion/support';
import { renderMarkdown } from '../markdown';
import type { HotseatScope } from './access';
import { settleHotseat } from './phases';

export interface HotseatDetails {
  title: string;
  description: string;
  /** When questions open; defaults to publication. */
  opensAt: Date | null;
  startsAt: Date;
  endsAt: Date;
  premoderation: boolean;
  convertOnClose: boolean;
  /** Course staff who host it; the creator when empty. */
  hostIds: string[];
}

function checkTimes(details: Pick<HotseatDetails, 'opensAt' | 'startsAt' | 'endsAt'>, now: Date, isNew: boolean): { opensAt: Date; startsAt: Date; endsAt: Date } {
  const { startsAt, endsAt } = details;
  const opensAt = details.opensAt ?? (startsAt.getTime() < now.getTime() ? startsAt : now);
  if (endsAt.getTime() <= startsAt.getTime()) throw badRequest('INVALID_TIMES', 'errors.hotseatEndBeforeStart');
  if (opensAt.getTime() > startsAt.getTime()) throw badRequest('INVALID_TIMES', 'errors.hotseatOpensAfterStart');
  if (endsAt.getTime() - startsAt.getTime() > HOTSEAT_LIMITS.maxDurationMs) throw badRequest('INVALID_TIMES', 'errors.hotseatTooLongSplit');
  if (isNew && endsAt.getTime() <= now.getTime()) throw badRequest('INVALID_TIMES', 'errors.hotseatEndPassed');
  return { opensAt, startsAt, endsAt };
}

function checkText(details: Pick<HotseatDetails, 'title' | 'description'>) {
  const title = details.title.trim();
  if (!title) throw badRequest('INVALID_TITLE', 'errors.hotseatTitleRequired');
  if (title.length > HOTSEAT_LIMITS.titleLength) throw badRequest('INVALID_TITLE', 'errors.hotseatTitleTooLong', { max: HOTSEAT_LIMITS.titleLength });
  const description = details.description.trim();
  if (description.length > HOTSEAT_LIMITS.descriptionLength) throw badRequest('INVALID_DESCRIPTION', 'errors.hotseatDescriptionTooLong', { max: HOTSEAT_LIMITS.descriptionLength });
  return { title, description };
}

/** Hosts named on the form must be staff of this course. */
async function checkStaffHosts(ctx: CommandContext, courseId: string, hostIds: readonly string[]): Promise<string[]> {
  const unique = [...new Set(hostIds)];
  if (unique.length > HOTSEAT_LIMITS.maxHosts) throw badRequest('TOO_MANY_HOSTS', 'errors.tooManyHosts', { max: HOTSEAT_LIMITS.maxHosts });
  for (const personId of unique) {
    const membership = await ctx.storage.memberships.find(courseId, personId);
    if (membership?.role !== 'staff' || membership.removedAt) {
      throw badRequest('HOST_NOT_STAFF', 'errors.hostNotStaff');
    }
  }
  return unique;
}

function requireStaff(actor: Actor): void {
  if (!canInHotseat({ personId: actor.person.id, role: actor.membership.role, isHost: false }, 'hotseat.manage', { phase: 'draft' })) {
    throw forbidden('FORBIDDEN', 'errors.hotseatStaffOnly');
  }
}

async function record(tx: Repositories, hotseat: Pick<Hotseat, 'id' | 'courseId'>, actorId: string, change: HotseatChange, now: Date) {
  return recordInTransaction(tx, { type: 'hotseat.changed', courseId: hotseat.courseId, space: 'hotseat', actorId, hotseatId: hotseat.id, change }, [], now);
}

/** Staff schedule a hotseat, as a draft or published at once. */
export async function createHotseat(ctx: CommandContext, actor: Actor, course: Course, input: HotseatDetails & { publish: boolean }): Promise<Hotseat> {
  requireStaff(actor);
  const now = ctx.now();
  const { title, description } = checkText(input);
  const times = checkTimes(input, now, true);
  const hostIds = await checkStaffHosts(ctx, course.id, input.hostIds.length > 0 ? input.hostIds : [actor.person.id]);
  const draft: Hotseat = {
    id: newId(now.getTime()), courseId: course.id, title, descriptionSource: description, descriptionHtml: renderMarkdown(description),
    createdBy: actor.person.id, publishedAt: input.publish ? now : null, ...times, phase: 'draft',
    premoderation: input.premoderation, convertOnClose: input.convertOnClose, answeringQuestionId: null, createdAt: now, updatedAt: now,
  };
  // Born in the phase its times give it; the scheduler announces later moves.
  const hotseat: Hotseat = { ...draft, phase: phaseAt(draft, now) };
  const recorded = await ctx.storage.transaction(async (tx) => {
    await tx.hotseats.create(hotseat);
    for (const personId of hostIds) await tx.hotseatHosts.add({ hotseatId: hotseat.id, courseId: course.id, personId, kind: 'staff', bio: null, addedAt: now });
    return record(tx, hotseat, actor.person.id, 'created', now);
  });
  announce(ctx, recorded);
  return hotseat;
}

/** Staff change a hotseat's details and times; a closed one can no longer be changed. */
export async function updateHotseat(ctx: CommandContext, scope: HotseatScope, input: HotseatDetails): Promise<Hotseat> {
  const actor = staffActor(scope);
  if (scope.phase === 'closed') throw badRequest('HOTSEAT_CLOSED', 'errors.hotseatRecordClosed');
  const now = ctx.now();
  const { title, description } = checkText(input);
  const times = checkTimes(input, now, false);
  const hostIds = await checkStaffHosts(ctx, scope.course.id, input.hostIds);
  const recorded = await ctx.storage.transaction(async (tx) => {
    await tx.hotseats.update(scope.course.id, scope.hotseat.id, {
      title, descriptionSource: description, descriptionHtml: renderMarkdown(description), ...times,
      premoderation: input.premoderation, convertOnClose: input.convertOnClose, updatedAt: now,
    });
    const current = await tx.hotseatHosts.listByHotseat(scope.hotseat.id);
    for (const host of current) if (host.kind === 'staff' && !hostIds.includes(host.personId)) await tx.hotseatHosts.remove(scope.hotseat.id, host.personId);
    for (const personId of hostIds) await tx.hotseatHosts.add({ hotseatId: scope.hotseat.id, courseId: scope.course.id, personId, kind: 'staff', bio: null, addedAt: now });
    return record(tx, scope.hotseat, actor.person.id, 'edited', now);
  });
  announce(ctx, recorded);
  return settleAndReload(ctx, scope);
}

export type ScheduleAction = 'publish' | 'start' | 'extend' | 'close';

/**
 * The buttons on the host console: publish a draft, start now (questions open too), extend by
 * some minutes, or close early. Each moves the times; the phase follows from them.
 */
export async function changeSchedule(ctx: CommandContext, scope: HotseatScope, action: ScheduleAction, minutes = 15): Promise<Hotseat> {
  const actor = staffActor(scope);
  const now = ctx.now();
  const { hotseat, phase } = scope;
  if (phase === 'closed') throw badRequest('HOTSEAT_CLOSED', 'errors.hotseatAlreadyClosed');
  let patch: Partial<Hotseat>;
  switch (action) {
    case 'publish':
      if (hotseat.publishedAt) throw badRequest('ALREADY_PUBLISHED', 'errors.hotseatAlreadyPublished');
      if (hotseat.endsAt.getTime() <= now.getTime()) throw badRequest('INVALID_TIMES', 'errors.hotseatPublishEndPassed');
      patch = { publishedAt: now };
      break;
    case 'start':
      if (phase === 'live') throw badRequest('ALREADY_LIVE', 'errors.hotseatAlreadyLive');
      patch = { publishedAt: hotseat.publishedAt ?? now, startsAt: now, opensAt: hotseat.opensAt.getTime() < now.getTime() ? hotseat.opensAt : now };
      if (hotseat.endsAt.getTime() <= now.getTime()) patch.endsAt = new Date(now.getTime() + 60 * 60_000);
      break;
    case 'extend': {
      if (!Number.isInteger(minutes) || minutes < 5 || minutes > 24 * 60) throw badRequest('INVALID_EXTENSION', 'errors.extensionRange');
      const endsAt = new Date(hotseat.endsAt.getTime() + minutes * 60_000);
      if (endsAt.getTime() - hotseat.startsAt.getTime() > HOTSEAT_LIMITS.maxDurationMs) throw badRequest('INVALID_EXTENSION', 'errors.hotseatMaxDuration');
      patch = { endsAt };
      break;
    }
    case 'close':
      patch = { endsAt: now, ...(hotseat.startsAt.getTime() > now.getTime() ? { startsAt: now } : {}), ...(hotseat.opensAt.getTime() > now.getTime() ? { opensAt: now } : {}) };
      break;
  }
  await ctx.storage.hotseats.update(hotseat.courseId, hotseat.id, { ...patch, updatedAt: now });
  if (action === 'extend') {
    const recorded = await ctx.storage.transaction((tx) => record(tx, hotseat, actor.person.id, 'edited', now));
    announce(ctx, recorded);
  }
  return settleAndReload(ctx, scope);
}

function staffActor(scope: HotseatScope): Actor {
  if (scope.actor.subject.role !== 'staff' || !scope.actor.membership) throw forbidden('FORBIDDEN', 'errors.hotseatStaffOnly');
  return { person: scope.actor.person, membership: scope.actor.membership };
}

async function settleAndReload(ctx: CommandContext, scope: HotseatScope): Promise<Hotseat> {
  const fresh = await ctx.storage.hotseats.findById(scope.course.id, scope.hotseat.id);
  if (!fresh) return scope.hotseat;
  await settleHotseat(ctx, fresh, scope.actor.person.id);
  return (await ctx.storage.hotseats.findById(scope.course.id, scope.hotseat.id)) ?? fresh;
}
