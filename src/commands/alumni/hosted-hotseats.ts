import type { Id } from '../../domain/ids';
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
 * newest first, for their alumni profile page. The hotseat is being built alongside the alumni
 * space; until it is wired here (hotseat hosts by person, published hotseats only, in `courseIds`),
 * this answers with none and the profile page says so honestly.
 */
export async function listHostedHotseats(_ctx: CommandContext, _personId: Id, _courseIds: readonly Id[]): Promise<HostedHotseat[]> {
  return [];
}
