import { ALUMNI_LIMITS, normaliseTags, type AlumniProfile, type Alumnus, type Community } from '../../domain/alumni';
import { badRequest, forbidden, notFound } from '../../domain/errors';
import type { Id } from '../../domain/ids';
import { displayName } from '../../domain/person';
import type { Actor } from '../../policies/can';
import type { EndorsedAnswer } from '../../storage/alumni-ports';
import { authorize } from '../authorize';
import type { CommandContext } from '../context';
import { listHostedHotseats, type HostedHotseat } from './hosted-hotseats';
import { communityExpertise, type CommunityExpertise } from '../care/expertise';

/**
 * The people directory: opt-in profiles of alumni. A profile is off until its owner turns it on;
 * a person with no visible profile does not appear anywhere in the directory, and their profile
 * page does not exist for anyone else.
 */

export interface ProfileInput {
  visible: boolean;
  displayName: string;
  bio: string;
  tags: string[];
  happyToBeAsked: boolean;
}

async function requireAlumnus(ctx: CommandContext, community: Community, personId: Id): Promise<Alumnus[]> {
  const cohorts = await ctx.storage.alumni.listForPerson(community.id, personId);
  if (cohorts.length === 0) throw forbidden('NOT_ALUMNI', 'errors.profilesForAlumni');
  return cohorts;
}

export function checkProfile(input: ProfileInput): ProfileInput {
  const name = input.displayName.replace(/\s+/g, ' ').trim();
  const bio = input.bio.trim();
  const tags = normaliseTags(input.tags);
  if (!name) throw badRequest('DISPLAY_NAME_REQUIRED', 'errors.displayNameRequired');
  if (name.length > ALUMNI_LIMITS.displayNameMax) throw badRequest('DISPLAY_NAME_TOO_LONG', 'errors.displayNameTooLong', { max: ALUMNI_LIMITS.displayNameMax });
  if (bio.length > ALUMNI_LIMITS.bioMax) throw badRequest('BIO_TOO_LONG', 'errors.profileBioTooLong', { max: ALUMNI_LIMITS.bioMax });
  if (tags.length > ALUMNI_LIMITS.tagsMax) throw badRequest('TOO_MANY_TAGS', 'errors.tooManyExpertiseTags', { max: ALUMNI_LIMITS.tagsMax });
  if (tags.some((t) => t.length > ALUMNI_LIMITS.tagMax)) throw badRequest('TAG_TOO_LONG', 'errors.expertiseTagTooLong', { max: ALUMNI_LIMITS.tagMax });
  return { visible: input.visible, displayName: name, bio, tags, happyToBeAsked: input.happyToBeAsked };
}

/** The viewer's own profile, or a draft filled with their name (not saved, not visible). */
export async function ownProfile(ctx: CommandContext, actor: Actor, community: Community): Promise<{ profile: AlumniProfile; saved: boolean; cohorts: Alumnus[] }> {
  const cohorts = await requireAlumnus(ctx, community, actor.person.id);
  const saved = await ctx.storage.alumniProfiles.find(community.id, actor.person.id);
  return {
    profile: saved ?? {
      communityId: community.id, personId: actor.person.id, visible: false, displayName: displayName(actor.person), bio: '', tags: [],
      happyToBeAsked: false, updatedAt: ctx.now(),
    },
    saved: saved !== null,
    cohorts,
  };
}

export async function saveProfile(ctx: CommandContext, actor: Actor, community: Community, input: ProfileInput): Promise<AlumniProfile> {
  await requireAlumnus(ctx, community, actor.person.id);
  const checked = checkProfile(input);
  const profile: AlumniProfile = { communityId: community.id, personId: actor.person.id, ...checked, updatedAt: ctx.now() };
  await ctx.storage.alumniProfiles.save(profile);
  return profile;
}

/** Deletes the profile entirely (the person stays a member; their posts keep their name). */
export async function deleteProfile(ctx: CommandContext, actor: Actor, community: Community): Promise<void> {
  await ctx.storage.transaction(async (tx) => {
    await tx.alumniProfiles.delete(community.id, actor.person.id);
    await tx.alumni.setMentor(community.id, actor.person.id, false, ctx.now());
  });
}

/**
 * Leaves the community: the profile goes, access ends, and every post they wrote there stays,
 * shown as by "Former member" (see commands/discussion/directory.ts). Staff of a linked course are
 * the community's staff through their LMS role and cannot leave it here.
 */
export async function leaveCommunity(ctx: CommandContext, actor: Actor, community: Community): Promise<void> {
  if (actor.membership.role === 'staff') {
    throw forbidden('STAFF_CANNOT_LEAVE', 'errors.staffCannotLeave');
  }
  const now = ctx.now();
  await ctx.storage.transaction(async (tx) => {
    await tx.alumni.recordDeparture(community.id, actor.person.id, now);
    await tx.alumniProfiles.delete(community.id, actor.person.id);
    await tx.alumni.setMentor(community.id, actor.person.id, false, now);
    await tx.alumni.removeSpaceMembership(community.spaceCourseId, actor.person.id, now);
  });
}

export interface DirectoryEntry {
  profile: AlumniProfile;
  cohorts: string[];
  mentor: boolean;
}

/** Visible profiles matching a name or an expertise tag (either, when `q` is given; both filters combine). */
export async function searchDirectory(ctx: CommandContext, community: Community, query: { q?: string; tag?: string }): Promise<DirectoryEntry[]> {
  const q = (query.q ?? '').trim().toLowerCase();
  const tag = normaliseTags([query.tag ?? ''])[0];
  const [profiles, mentors] = await Promise.all([ctx.storage.alumniProfiles.listVisible(community.id), ctx.storage.alumni.listMentors(community.id)]);
  const matches = profiles.filter((p) => (!tag || p.tags.includes(tag))
    && (!q || p.displayName.toLowerCase().includes(q) || p.tags.some((t) => t.includes(q))));
  const mentorSet = new Set(mentors);
  return Promise.all(matches.map(async (profile) => ({
    profile,
    cohorts: (await ctx.storage.alumni.listForPerson(community.id, profile.personId)).map((a) => a.cohortLabel),
    mentor: mentorSet.has(profile.personId),
  })));
}

export interface ProfilePage extends DirectoryEntry {
  endorsedAnswers: EndorsedAnswer[];
  hostedHotseats: HostedHotseat[];
  /** Staff-endorsed named answers by tag, in the space and every linked course run (care/expertise.ts). */
  expertise: CommunityExpertise;
  isYou: boolean;
}

/** A profile page: only a visible profile (or your own); its endorsed answers and the hotseats they hosted. */
export async function loadProfilePage(ctx: CommandContext, actor: Actor, community: Community, personId: Id): Promise<ProfilePage> {
  const profile = await ctx.storage.alumniProfiles.find(community.id, personId);
  const isYou = personId === actor.person.id;
  // A hidden profile answers exactly like one that does not exist: nothing to probe.
  if (!profile || (!profile.visible && !isYou)) throw notFound('PROFILE_NOT_FOUND', 'errors.profileNotFound');
  const links = await ctx.storage.alumniCourses.listByCommunity(community.id);
  const [cohorts, mentor, endorsedAnswers, hostedHotseats, expertise] = await Promise.all([
    ctx.storage.alumni.listForPerson(community.id, personId),
    ctx.storage.alumni.isMentor(community.id, personId),
    ctx.storage.alumniProfiles.endorsedNamedAnswers(community.spaceCourseId, personId, 20),
    listHostedHotseats(ctx, personId, [community.spaceCourseId, ...links.map((l) => l.courseId)]),
    communityExpertise(ctx, [community.spaceCourseId, ...links.map((l) => l.courseId)], personId),
  ]);
  return { profile, cohorts: cohorts.map((c) => c.cohortLabel), mentor, endorsedAnswers, hostedHotseats, expertise, isYou };
}

/** Staff designate mentors (who may schedule prompts) among people with a visible profile. */
export async function setMentor(ctx: CommandContext, actor: Actor, community: Community, input: { personId: Id; mentor: boolean }): Promise<void> {
  authorize(actor, 'alumni.manage', { courseId: community.spaceCourseId });
  const profile = await ctx.storage.alumniProfiles.find(community.id, input.personId);
  if (input.mentor && !profile?.visible) throw badRequest('PROFILE_NOT_VISIBLE', 'errors.mentorProfileNotVisible');
  await ctx.storage.alumni.setMentor(community.id, input.personId, input.mentor, ctx.now());
}
