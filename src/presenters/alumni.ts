import type { CourseAlumni, SpaceHome } from '../commands/alumni/read';
import type { DirectoryEntry, ProfilePage } from '../commands/alumni/profiles';
import type { AlumniProfile, Community, LearnerAccess, Prompt } from '../domain/alumni';
import { can, subjectOf, type Actor } from '../policies/can';
import { presentThreadSummary, threadUrl } from './discussion';
import { presentTime, type TimeView } from './time';

/**
 * View models of the alumni pages. A person appears only through their own opt-in profile (its
 * display name, cohorts, bio, tags and "happy to be asked"); posts show their authors through the
 * room's presenters (presenters/authors.ts), so anonymity and "Former member" hold here too.
 */
export const communityUrl = (communityId: string) => `/alumni/${communityId}`;
export const profileUrl = (communityId: string, personId: string) => `/alumni/${communityId}/people/${personId}`;

/** The space's room as the header partial needs it: the space course, named after the community. */
export function spaceHeader(community: Community) {
  return { id: community.spaceCourseId, title: community.name, label: 'Alumni community' };
}

const ACCESS_LABELS: Record<LearnerAccess, string> = {
  post: 'Current learners of linked courses may read and post',
  read: 'Current learners of linked courses may read (and ask alumni), not post',
  hidden: 'Current learners do not see the space until their course ends',
};

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export function presentSpaceHome(home: SpaceHome, actor: Actor) {
  const { community } = home;
  const viewer = subjectOf(actor);
  const isStaff = can(actor, 'alumni.manage', { courseId: community.spaceCourseId });
  return {
    community: { id: community.id, name: community.name, url: communityUrl(community.id) },
    roomUrl: `/c/${community.spaceCourseId}/discussion`,
    viewer: {
      isStaff,
      isAlumnus: home.isAlumnus,
      readOnly: actor.readOnly === true,
      canPrompt: can(actor, 'alumni.prompt', { courseId: community.spaceCourseId }),
      roleLabel: isStaff ? 'Community staff' : home.isAlumnus ? 'Alumnus' : 'Current learner',
      hasProfile: home.hasProfile,
      emailSignIn: home.emailSignIn ? { email: home.emailSignIn.email } : null,
      email: actor.person.email,
    },
    cohorts: home.cohorts.map((c) => ({
      label: c.link.cohortLabel ?? c.course?.title ?? 'A cohort',
      courseTitle: c.course?.title ?? null,
      graduated: c.link.graduatedAt !== null,
      graduatedAt: c.link.graduatedAt ? presentTime(c.link.graduatedAt) : null,
      endsAt: c.link.endsAt ? presentTime(c.link.endsAt) : null,
      alumniCount: isStaff ? plural(c.alumniCount, 'alumnus', 'alumni') : null,
    })),
    threads: home.recentThreads.map((t) => presentThreadSummary(t, viewer, home.directory)),
    questions: home.questions.map(({ question, thread }) => ({
      ...presentThreadSummary(thread!, viewer, home.directory),
      expertise: question.tags,
    })),
    quiet: isStaff && home.quiet
      ? (home.lastActivityAt
        ? `Quiet: no posts in the last ${plural(community.quietDays, 'day', 'days')}. A prompt can get people talking again.`
        : 'Quiet: nobody has posted yet. Schedule a first prompt to start the conversation.')
      : null,
    lastActivity: home.lastActivityAt ? presentTime(home.lastActivityAt) : null,
    access: ACCESS_LABELS[community.learnerAccess],
    prompts: home.prompts.map(presentPrompt),
    staffedCourses: home.staffedCourses.map((c) => ({ id: c.id, title: c.title })),
  };
}

export function presentPrompt(prompt: Prompt) {
  return {
    id: prompt.id,
    title: prompt.title,
    where: prompt.target === 'space' ? 'Alumni space' : 'Course room',
    next: prompt.nextPostAt ? presentTime(prompt.nextPostAt) : null,
    repeat: prompt.repeatDays ? `Every ${prompt.repeatDays === 7 ? 'week' : `${prompt.repeatDays} days`}` : 'Once',
    lastPosted: prompt.lastPostedAt ? presentTime(prompt.lastPostedAt) : null,
    lastThreadUrl: prompt.lastThreadId ? threadUrl(prompt.courseId, prompt.lastThreadId) : null,
    cancelled: prompt.cancelledAt !== null,
    active: prompt.nextPostAt !== null && prompt.cancelledAt === null,
  };
}

export function presentManage(community: Community) {
  return {
    name: community.name,
    joinCode: community.joinCode,
    quietDays: community.quietDays,
    accessOptions: (['post', 'read', 'hidden'] as const).map((value) => ({ value, label: ACCESS_LABELS[value], checked: community.learnerAccess === value })),
  };
}

export function presentDirectoryEntry(communityId: string, entry: DirectoryEntry) {
  return {
    name: entry.profile.displayName,
    url: profileUrl(communityId, entry.profile.personId),
    personId: entry.profile.personId,
    cohorts: entry.cohorts.join(', '),
    bio: entry.profile.bio,
    tags: entry.profile.tags.map((tag) => ({ tag, url: `/alumni/${communityId}/people?tag=${encodeURIComponent(tag)}` })),
    happyToBeAsked: entry.profile.happyToBeAsked,
    mentor: entry.mentor,
  };
}

export function presentProfilePage(community: Community, page: ProfilePage) {
  return {
    ...presentDirectoryEntry(community.id, page),
    visible: page.profile.visible,
    isYou: page.isYou,
    endorsedAnswers: page.endorsedAnswers.map((a) => ({
      threadTitle: a.threadTitle,
      url: `${threadUrl(community.spaceCourseId, a.threadId)}#reply-${a.replyId}`,
      endorsedAt: presentTime(a.endorsedAt),
    })),
    hostedHotseats: page.hostedHotseats.map((h) => ({ title: h.title, url: h.url, startsAt: presentTime(h.startsAt) })),
  };
}

export function presentProfileForm(profile: AlumniProfile, cohorts: string[]) {
  return {
    visible: profile.visible,
    displayName: profile.displayName,
    bio: profile.bio,
    tags: profile.tags.join(', '),
    happyToBeAsked: profile.happyToBeAsked,
    cohorts: cohorts.join(', '),
  };
}

export function presentCourseAlumni(data: CourseAlumni, actor: Actor, courseId: string) {
  const isStaff = can(actor, 'alumni.manage', { courseId });
  const record = data.record;
  const endsAt: TimeView | null = record?.endsAt ? presentTime(record.endsAt) : null;
  return {
    isStaff,
    linked: data.community
      ? {
        name: data.community.name,
        url: communityUrl(data.community.id),
        joinCode: isStaff ? data.community.joinCode : null,
        cohortLabel: record?.cohortLabel ?? '',
        graduated: record?.graduatedAt ? presentTime(record.graduatedAt) : null,
        endsAt,
        alumniCount: plural(data.alumniCount, 'alumnus', 'alumni'),
      }
      : null,
    endsAt,
    suggestion: data.suggestion
      ? { id: data.suggestion.community.id, name: data.suggestion.community.name, fromCohort: data.suggestion.fromCohort }
      : null,
    joinable: data.joinable.map((c) => ({ id: c.id, name: c.name })),
  };
}
