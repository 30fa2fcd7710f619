import type { CourseAlumni, SpaceHome } from '../commands/alumni/read';
import type { DirectoryEntry, ProfilePage } from '../commands/alumni/profiles';
import type { AlumniProfile, Community, LearnerAccess, Prompt } from '../domain/alumni';
import { can, subjectOf, type Actor } from '../policies/can';
import type { Translate } from '../i18n/translate';
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
export function spaceHeader(community: Community, t: Translate) {
  return { id: community.spaceCourseId, title: community.name, label: t('alumni.communityLabel') };
}

/** Catalog keys: the templates say these in the viewer's language. */
const ACCESS_KEYS: Record<LearnerAccess, string> = {
  post: 'alumni.accessPost',
  read: 'alumni.accessRead',
  hidden: 'alumni.accessHidden',
};

/** How often a prompt posts, as a message key and its count ("Every 3 days"). */
function repeatOf(repeatDays: number | null): { key: string; count: number } {
  if (!repeatDays) return { key: 'alumni.repeatOnce', count: 0 };
  return repeatDays === 7 ? { key: 'alumni.repeatWeekly', count: 7 } : { key: 'alumni.repeatDays', count: repeatDays };
}

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
      roleKey: isStaff ? 'alumni.roleStaff' : home.isAlumnus ? 'alumni.roleAlumnus' : 'alumni.roleLearner',
      hasProfile: home.hasProfile,
      emailSignIn: home.emailSignIn ? { email: home.emailSignIn.email } : null,
      email: actor.person.email,
    },
    cohorts: home.cohorts.map((c) => ({
      /** Null when the cohort has neither a label nor a course title left (the page says "A cohort"). */
      label: c.link.cohortLabel ?? c.course?.title ?? null,
      courseTitle: c.course?.title ?? null,
      graduated: c.link.graduatedAt !== null,
      graduatedAt: c.link.graduatedAt ? presentTime(c.link.graduatedAt) : null,
      endsAt: c.link.endsAt ? presentTime(c.link.endsAt) : null,
      alumniCount: isStaff ? c.alumniCount : null,
    })),
    threads: home.recentThreads.map((t) => presentThreadSummary(t, viewer, home.directory)),
    questions: home.questions.map(({ question, thread }) => ({
      ...presentThreadSummary(thread!, viewer, home.directory),
      expertise: question.tags,
    })),
    /** The staff's quiet-community banner, as a message key and its count of days. */
    quiet: isStaff && home.quiet
      ? (home.lastActivityAt ? { key: 'alumni.quietFor', count: community.quietDays } : { key: 'alumni.quietNever', count: 0 })
      : null,
    lastActivity: home.lastActivityAt ? presentTime(home.lastActivityAt) : null,
    accessKey: ACCESS_KEYS[community.learnerAccess],
    prompts: home.prompts.map(presentPrompt),
    staffedCourses: home.staffedCourses.map((c) => ({ id: c.id, title: c.title })),
  };
}

export function presentPrompt(prompt: Prompt) {
  return {
    id: prompt.id,
    title: prompt.title,
    whereKey: prompt.target === 'space' ? 'alumni.whereSpace' : 'alumni.whereCourse',
    next: prompt.nextPostAt ? presentTime(prompt.nextPostAt) : null,
    repeat: repeatOf(prompt.repeatDays),
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
    accessOptions: (['post', 'read', 'hidden'] as const).map((value) => ({ value, labelKey: ACCESS_KEYS[value], checked: community.learnerAccess === value })),
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
    // For the expertise-by-tag partial (as on a course member's expertise card); a null tag is said
    // there as "Other topics", in the reader's language.
    expertise: { total: page.expertise.total, tags: page.expertise.tags.map((t) => ({ tag: t.tag, answers: t.answers })) },
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
        alumniCount: data.alumniCount,
      }
      : null,
    endsAt,
    suggestion: data.suggestion
      ? { id: data.suggestion.community.id, name: data.suggestion.community.name, fromCohort: data.suggestion.fromCohort }
      : null,
    joinable: data.joinable.map((c) => ({ id: c.id, name: c.name })),
  };
}
