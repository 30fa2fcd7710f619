import type { CourseHomeData } from '../commands/course-home';
import type { Translate } from '../i18n/translate';
import type { Actor } from '../policies/can';
import { groupHotseats } from './hotseat';
import { presentPerson, type PersonView } from './person';
import { presentTime, type TimeView } from './time';

export interface SpaceView {
  kind: 'discussion' | 'hotseat' | 'alumni';
  name: string;
  url: string;
  summary: string;
  lastActivity: TimeView | null;
  emptyHint: string | null;
  /** A few entries to reach directly from the course home (live and upcoming hotseats, say). */
  items?: Array<{ title: string; url: string; label: string; isLive: boolean; when: TimeView }>;
}

export interface CourseHomeView {
  course: { id: string; title: string; label: string | null; memberCount: number };
  viewer: PersonView & { role: 'staff' | 'learner'; roleLabel: string };
  spaces: SpaceView[];
  /** What is new since the last visit (the page says "3 new threads and 5 new replies..."); null when nothing is or on a first visit. */
  sinceLastVisit: { threads: number; replies: number } | null;
  latestEventSeq: number;
  participationGraded: boolean;
}

/** The spaces' names, summaries and hints are sentences in the viewer's language: `t` is theirs. */
export function presentCourseHome(data: CourseHomeData, actor: Actor, t: Translate): CourseHomeView {
  const { course, discussion } = data;
  const base = `/c/${course.id}`;
  return {
    course: { id: course.id, title: course.title, label: course.label, memberCount: data.memberCount },
    viewer: {
      ...presentPerson(actor.person),
      role: actor.membership.role,
      roleLabel: t(actor.membership.role === 'staff' ? 'course.roleStaff' : 'course.roleLearner'),
    },
    spaces: [
      {
        kind: 'discussion',
        name: t('course.spaceDiscussion'),
        url: `${base}/discussion`,
        summary: t('course.threadCount', { count: discussion.threadCount }),
        lastActivity: discussion.lastActivityAt ? presentTime(discussion.lastActivityAt) : null,
        emptyHint: discussion.threadCount === 0 ? t('course.discussionEmpty') : null,
      },
      hotseatSpace(data, base, t),
      {
        kind: 'alumni',
        name: t('course.spaceAlumni'),
        url: `${base}/alumni`,
        summary: data.alumni ? data.alumni.communityName : t('course.alumniNotLinked'),
        lastActivity: data.alumni?.lastActivityAt ? presentTime(data.alumni.lastActivityAt) : null,
        emptyHint: data.alumni ? null : t('course.alumniEmpty'),
      },
    ],
    sinceLastVisit: sinceLastVisit(data.sinceLastVisit),
    latestEventSeq: data.latestEventSeq,
    participationGraded: data.participationGraded,
  };
}

function sinceLastVisit(news: CourseHomeData['sinceLastVisit']): CourseHomeView['sinceLastVisit'] {
  if (!news || (news.threads === 0 && news.replies === 0)) return null;
  return { threads: news.threads, replies: news.replies };
}

/** Live hotseats first, then the upcoming ones, then the latest past one: what people come to the home page for. */
function hotseatSpace(data: CourseHomeData, base: string, t: Translate): SpaceView {
  const groups = groupHotseats(data.hotseats);
  const parts = [
    groups.live.length > 0 ? t('course.hotseatsLive', { count: groups.live.length }) : null,
    groups.upcoming.length > 0 ? t('course.hotseatsUpcoming', { count: groups.upcoming.length }) : null,
    groups.past.length > 0 ? t('course.hotseatsPast', { count: groups.past.length }) : null,
  ].filter(Boolean);
  const items = [
    ...groups.live.map((h) => ({ title: h.title, url: h.url, label: t('course.hotseatLiveNow'), isLive: true, when: h.endsAt })),
    ...groups.upcoming.slice(0, 3).map((h) => ({ title: h.title, url: h.url, label: t(h.phase === 'collecting' ? 'course.hotseatTakingQuestions' : 'course.hotseatStarts'), isLive: false, when: h.startsAt })),
    ...groups.past.slice(0, 1).map((h) => ({ title: h.title, url: h.url, label: t('course.hotseatHeld'), isLive: false, when: h.startsAt })),
  ];
  return {
    kind: 'hotseat',
    name: t('course.spaceHotseat'),
    url: `${base}/hotseats`,
    summary: parts.length > 0 ? parts.join(' · ') : t('course.hotseatsNone'),
    lastActivity: null,
    emptyHint: data.hotseats.length === 0 ? t('course.hotseatEmpty') : null,
    items,
  };
}
