import type { CourseHomeData } from '../commands/course-home';
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
  /** "3 new threads and 5 new replies since your last visit", or null when nothing is new or on a first visit. */
  sinceLastVisit: string | null;
  latestEventSeq: number;
  participationGraded: boolean;
}

const plural = (count: number, one: string, many: string) => `${count.toLocaleString('en')} ${count === 1 ? one : many}`;

export function presentCourseHome(data: CourseHomeData, actor: Actor): CourseHomeView {
  const { course, discussion } = data;
  const base = `/c/${course.id}`;
  return {
    course: { id: course.id, title: course.title, label: course.label, memberCount: data.memberCount },
    viewer: {
      ...presentPerson(actor.person),
      role: actor.membership.role,
      roleLabel: actor.membership.role === 'staff' ? 'Course staff' : 'Learner',
    },
    spaces: [
      {
        kind: 'discussion',
        name: 'Discussion room',
        url: `${base}/discussion`,
        summary: plural(discussion.threadCount, 'thread', 'threads'),
        lastActivity: discussion.lastActivityAt ? presentTime(discussion.lastActivityAt) : null,
        emptyHint: discussion.threadCount === 0 ? 'No threads yet. Start the first conversation: ask a question or share something you found.' : null,
      },
      hotseatSpace(data, base),
      {
        kind: 'alumni',
        name: 'Alumni space',
        url: `${base}/alumni`,
        summary: data.alumni ? data.alumni.communityName : 'Not linked yet',
        lastActivity: data.alumni?.lastActivityAt ? presentTime(data.alumni.lastActivityAt) : null,
        emptyHint: data.alumni ? null : 'When this course joins an alumni community, past and future cohorts will meet here.',
      },
    ],
    sinceLastVisit: sinceLastVisit(data.sinceLastVisit),
    latestEventSeq: data.latestEventSeq,
    participationGraded: data.participationGraded,
  };
}

function sinceLastVisit(news: CourseHomeData['sinceLastVisit']): string | null {
  if (!news || (news.threads === 0 && news.replies === 0)) return null;
  const parts = [news.threads > 0 ? plural(news.threads, 'new thread', 'new threads') : null, news.replies > 0 ? plural(news.replies, 'new reply', 'new replies') : null];
  return `${parts.filter(Boolean).join(' and ')} since your last visit`;
}

/** Live hotseats first, then the upcoming ones, then the latest past one: what people come to the home page for. */
function hotseatSpace(data: CourseHomeData, base: string): SpaceView {
  const groups = groupHotseats(data.hotseats);
  const parts = [
    groups.live.length > 0 ? `${groups.live.length} live now` : null,
    groups.upcoming.length > 0 ? `${groups.upcoming.length} upcoming` : null,
    groups.past.length > 0 ? `${groups.past.length} past` : null,
  ].filter(Boolean);
  const items = [
    ...groups.live.map((h) => ({ title: h.title, url: h.url, label: 'Live now', isLive: true, when: h.endsAt })),
    ...groups.upcoming.slice(0, 3).map((h) => ({ title: h.title, url: h.url, label: h.phase === 'collecting' ? 'Taking questions · starts' : 'Starts', isLive: false, when: h.startsAt })),
    ...groups.past.slice(0, 1).map((h) => ({ title: h.title, url: h.url, label: 'Archive · held', isLive: false, when: h.startsAt })),
  ];
  return {
    kind: 'hotseat',
    name: 'Hotseat',
    url: `${base}/hotseats`,
    summary: parts.length > 0 ? parts.join(' · ') : 'No sessions scheduled',
    lastActivity: null,
    emptyHint: data.hotseats.length === 0 ? 'Live Q&A sessions with an expert will appear here once staff schedule one.' : null,
    items,
  };
}
