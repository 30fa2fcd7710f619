import type { Id } from '../../domain/ids';
import type { CommandContext } from '../context';
import { initialsOf } from '../../domain/person';
import type { NestedMessage } from '../../i18n/translate';

/**
 * How someone appears in an alumni community's "who is here" and @-mention lists: only through a
 * profile they turned on, by its display name. Nothing about anyone else is shown (privacy: a
 * person is visible only as far as they opted in).
 */
export async function communityPresence(ctx: CommandContext, spaceCourseId: Id, personId: Id): Promise<{ id: Id; name: string; nameMessage: NestedMessage | null; initials: string } | null> {
  const community = await ctx.storage.communities.findBySpaceCourse(spaceCourseId);
  const profile = community ? await ctx.storage.alumniProfiles.find(community.id, personId) : null;
  // A profile's display name is the person's own words: nothing for Agora to translate.
  return profile?.visible ? { id: personId, name: profile.displayName, nameMessage: null, initials: initialsOf(profile.displayName) } : null;
}

/** People of the community who may be suggested for @-mentions: those with a visible profile, by its display name. */
export async function mentionablePeople(ctx: CommandContext, spaceCourseId: Id): Promise<Map<Id, string>> {
  const community = await ctx.storage.communities.findBySpaceCourse(spaceCourseId);
  if (!community) return new Map();
  return new Map((await ctx.storage.alumniProfiles.listVisible(community.id)).map((p) => [p.personId, p.displayName]));
}
