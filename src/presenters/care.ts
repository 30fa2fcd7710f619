import type { ChampionsPage } from '../commands/care/champions';
import type { ExpertiseDirectory, PersonExpertise } from '../commands/care/expertise';
import type { RoutingChoice, UnansweredQueue } from '../commands/care/unanswered';
import type { Directory } from '../commands/discussion/directory';
import type { ActivityPurge, CareSettings, EndorsedAnswerCount } from '../domain/care';
import { displayName } from '../domain/person';
import type { Subject } from '../policies/can';
import { presentAuthor } from './authors';
import { threadUrl } from './discussion';
import { formatDuration } from './insights';
import { presentTime } from './time';

/** View models for the community-care pages: the unanswered queue, routing, champions, expertise, settings. */

const nameOf = (directory: Directory, personId: string) => {
  const person = directory.people.get(personId);
  return person ? displayName(person) : 'Former member';
};
const tagNames = (directory: Directory, tagIds: readonly string[]) =>
  tagIds.map((id) => directory.tags.get(id)?.name).filter((name): name is string => name !== undefined);

export function presentUnansweredQueue(queue: UnansweredQueue, viewer: Subject) {
  const targetMs = queue.settings.answerTargetHours * 3_600_000;
  return {
    targetHours: queue.settings.answerTargetHours,
    total: queue.counts.total,
    overdue: queue.counts.overdue,
    shown: queue.questions.length,
    questions: queue.questions.map((q) => {
      const waitedMs = queue.now.getTime() - q.createdAt.getTime();
      const routedTo = queue.routings.filter((r) => r.threadId === q.id).map((r) => nameOf(queue.directory, r.personId));
      return {
        id: q.id,
        title: q.title,
        url: threadUrl(q.courseId, q.id),
        routeUrl: `/c/${q.courseId}/care/unanswered/${q.id}`,
        // As staff see it on the post: a question anonymous to everyone stays anonymous here.
        author: presentAuthor(q, viewer, queue.directory),
        tags: tagNames(queue.directory, q.tagIds),
        waited: formatDuration(waitedMs),
        askedAt: presentTime(q.createdAt),
        overdue: waitedMs > targetMs,
        answers: q.answerCount,
        routedTo,
      };
    }),
  };
}

export function presentRoutingChoice(choice: RoutingChoice, viewer: Subject) {
  const { thread, directory } = choice;
  return {
    thread: {
      id: thread.id,
      title: thread.title,
      url: threadUrl(thread.courseId, thread.id),
      author: presentAuthor(thread, viewer, directory),
      tags: tagNames(directory, thread.tagIds),
      answers: thread.answerCount,
    },
    acrossAllTopics: choice.acrossAllTopics,
    suggestions: choice.suggestions.map((s) => ({
      personId: s.personId,
      name: nameOf(directory, s.personId),
      answers: s.answers,
      byTag: s.byTag.map((t) => ({ tag: directory.tags.get(t.tagId)?.name ?? 'a removed tag', answers: t.answers })),
      alreadyAsked: s.alreadyAsked,
    })),
    routedTo: choice.routings.map((r) => ({ name: nameOf(directory, r.personId), at: presentTime(r.routedAt) })),
  };
}

export function presentChampions(page: ChampionsPage) {
  return {
    champions: page.champions.map(({ champion, person }) => ({
      personId: champion.personId,
      name: person ? displayName(person) : 'Former member',
      since: presentTime(champion.grantedAt),
    })),
    candidates: page.candidates.map((person) => ({ personId: person.id, name: displayName(person) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Endorsed answers grouped by tag, the tags with most answers first; untagged threads last, as "Other topics". */
function byTag(counts: readonly EndorsedAnswerCount[], directory: Directory) {
  const total = (tagId: string | null) => counts.filter((c) => c.tagId === tagId).reduce((sum, c) => sum + c.answers, 0);
  const tagIds = [...new Set(counts.map((c) => c.tagId))]
    .sort((a, b) => (a === null ? 1 : b === null ? -1 : total(b) - total(a) || (directory.tags.get(a)?.name ?? '').localeCompare(directory.tags.get(b)?.name ?? '')));
  return tagIds.map((tagId) => ({ tagId, tag: tagId === null ? 'Other topics' : directory.tags.get(tagId)?.name ?? 'a removed tag', counts: counts.filter((c) => c.tagId === tagId) }));
}

export function presentExpertiseDirectory(data: ExpertiseDirectory, courseId: string) {
  return {
    tags: byTag(data.counts, data.directory).map((group) => ({
      tag: group.tag,
      people: group.counts.map((c) => ({ name: nameOf(data.directory, c.personId), answers: c.answers, url: `/c/${courseId}/expertise/${c.personId}` })),
    })),
  };
}

export function presentPersonExpertise(data: PersonExpertise) {
  return {
    name: nameOf(data.directory, data.personId),
    roleLabel: data.membership.role === 'staff' ? 'Course staff' : 'Learner',
    champion: data.directory.champions?.has(data.personId) === true,
    total: data.total,
    tags: byTag(data.counts, data.directory).map((group) => ({ tag: group.tag, answers: group.counts.reduce((sum, c) => sum + c.answers, 0) })),
  };
}

export function presentCareSettings(settings: CareSettings, lastPurge: ActivityPurge | null) {
  return {
    answerTargetHours: settings.answerTargetHours,
    quietDays: settings.quietDays,
    retentionDays: settings.retentionDays,
    lastPurge: lastPurge ? { at: presentTime(lastPurge.lastPurgeAt), deleted: lastPurge.lastPurgeCount } : null,
  };
}
