import type { Id } from '../../domain/ids';
import { hotseatUrl } from '../../presenters/hotseat';
import type { CommandContext } from '../context';

/** One hotseat a person hosted, as a profile page lists it. */
export interface HostedHotseat {
  courseId: Id;
  hotseatId: Id;
  title: string;
  startsAt: Date;
  url: string;
}

/**
 * The hotseats this person hosted in these courses (the community's space and its linked courses),
 * newest first, for their alumni profile page. Drafts are staff's work in progress and never listed.
 */
export async function listHostedHotseats(ctx: CommandContext, personId: Id, courseIds: readonly Id[]): Promise<HostedHotseat[]> {
  const courses = new Set(courseIds);
  const hosted: HostedHotseat[] = [];
  for (const host of await ctx.storage.hotseatHosts.listByPerson(personId)) {
    if (!courses.has(host.courseId)) continue;
    const hotseat = await ctx.storage.hotseats.findById(host.courseId, host.hotseatId);
    if (!hotseat?.publishedAt) continue;
    hosted.push({ courseId: hotseat.courseId, hotseatId: hotseat.id, title: hotseat.title, startsAt: hotseat.startsAt, url: hotseatUrl(hotseat.courseId, hotseat.id) });
  }
  return hosted.sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime());
}
