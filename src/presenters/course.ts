import type { CourseHomeData } from '../commands/course-home';
import type { Actor } from '../policies/can';
import { presentPerson, type PersonView } from './person';
import { presentTime, type TimeView } from './time';

export interface SpaceView {
  kind: 'discussion' | 'hotseat' | 'alumni';
  name: string;
  url: string;
  summary: string;
  lastActivity: TimeView | null;
  emptyHint: string | null;
}

export interface CourseHomeView {
  course: { id: string; title: string; label: string | null; memberCount: number };
  viewer: PersonView & { role: 'staff' | 'learner'; roleLabel: string };
  spaces: SpaceView[];
  /** "3 new threads and 5 new replies since your last visit", or null when nothing is new or on a first visit. */
  sinceLastVisit: string | null;
  latestEventSeq: number;
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
      {
        kind: 'hotseat',
        name: 'Hotseat',
        url: `${base}/hotseat`,
        summary: 'No sessions scheduled',
        lastActivity: null,
        emptyHint: 'Live Q&A sessions with an expert will appear here once staff schedule one.',
      },
      {
        kind: 'alumni',
        name: 'Alumni space',
        url: `${base}/alumni`,
        summary: 'Not linked yet',
        lastActivity: null,
        emptyHint: 'When this course joins an alumni community, past and future cohorts will meet here.',
      },
    ],
    sinceLastVisit: sinceLastVisit(data.sinceLastVisit),
    latestEventSeq: data.latestEventSeq,
  };
}

function sinceLastVisit(news: CourseHomeData['sinceLastVisit']): string | null {
  if (!news || (news.threads === 0 && news.replies === 0)) return null;
  const parts = [news.threads > 0 ? plural(news.threads, 'new thread', 'new threads') : null, news.replies > 0 ? plural(news.replies, 'new reply', 'new replies') : null];
  return `${parts.filter(Boolean).join(' and ')} since your last visit`;
}
