import type { ChampionsPage } from '../commands/care/champions';
import type { ExpertiseDirectory, PersonExpertise } from '../commands/care/expertise';
import type { RoutingChoice, UnansweredQueue } from '../commands/care/unanswered';
import type { Directory } from '../commands/discussion/directory';
import type { ActivityPurge, CareSettings, EndorsedAnswerCount } from '../domain/care';
import { displayName } from '../domain/person';
import type { Subject } from '../policies/can';
import type { Locale } from '../i18n/locales';
import { personNameMessage, presentAuthor } from './authors';
import { threadUrl } from './discussion';
import { formatDuration } from './insights';
import { presentTime } from './time';

/** View models for the community-care pages: the unanswered queue, routing, champions, expertise, settings. */

const nameOf = (directory: Directory, personId: string) => {
  const person = directory.people.get(personId);
  return person ? displayName(person) : 'Former member';
};
/** The name (English where Agora words it, for JSON) and the message pages say in the viewer's language. */
const namedOf = (directory: Directory, personId: string) =>
  ({ name: nameOf(directory, personId), nameMessage: personNameMessage(directory.people.get(personId)) });
const tagNames = (directory: Directory, tagIds: readonly string[]) =>
  tagIds.map((id) => directory.tags.get(id)?.name).filter((name): name is string => name !== undefined);

export function presentUnansweredQueue(queue: UnansweredQueue, viewer: Subject, locale: Locale) {
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
        waited: formatDuration(waitedMs, locale),
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
      // null: the tag was removed since (the page says so in the reader's language).
      byTag: s.byTag.map((t) => ({ tag: directory.tags.get(t.tagId)?.name ?? null, answers: t.answers })),
      alreadyAsked: s.alreadyAsked,
      alumnusCohorts: s.alumnus ? s.alumnus.cohorts.join(', ') : null,
    })),
    routedTo: choice.routings.map((r) => ({ name: nameOf(directory, r.personId), at: presentTime(r.routedAt) })),
    // Offered only when someone outside the course may be asked (alumni-routing.ts says why it goes through the space).
    alumni: choice.community && (choice.suggestions.some((s) => s.alumnus) || choice.alumniThreadId)
      ? { community: choice.community.name, threadUrl: choice.alumniThreadId ? threadUrl(choice.community.spaceCourseId, choice.alumniThreadId) : null }
      : null,
  };
}

export function presentChampions(page: ChampionsPage) {
  return {
    champions: page.champions.map(({ champion, person }) => ({
      personId: champion.personId,
      name: person ? displayName(person) : 'Former member',
      nameMessage: personNameMessage(person ?? undefined),
      since: presentTime(champion.grantedAt),
    })),
    candidates: page.candidates.map((person) => ({ personId: person.id, name: displayName(person) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    inCommunity: page.inCommunity,
  };
}

/**
 * Endorsed answers grouped by tag, the tags with most answers first; untagged threads last. `tag` is
 * null for those (pages say "Other topics") and `removed` marks a tag deleted since ("a removed tag").
 */
function byTag(counts: readonly EndorsedAnswerCount[], directory: Directory) {
  const total = (tagId: string | null) => counts.filter((c) => c.tagId === tagId).reduce((sum, c) => sum + c.answers, 0);
  const tagIds = [...new Set(counts.map((c) => c.tagId))]
    .sort((a, b) => (a === null ? 1 : b === null ? -1 : total(b) - total(a) || (directory.tags.get(a)?.name ?? '').localeCompare(directory.tags.get(b)?.name ?? '')));
  return tagIds.map((tagId) => {
    const name = tagId === null ? null : directory.tags.get(tagId)?.name ?? null;
    return { tagId, tag: name, removed: tagId !== null && name === null, counts: counts.filter((c) => c.tagId === tagId) };
  });
}

export function presentExpertiseDirectory(data: ExpertiseDirectory, courseId: string) {
  return {
    tags: byTag(data.counts, data.directory).map((group) => ({
      tag: group.tag,
      removed: group.removed,
      people: group.counts.map((c) => ({ ...namedOf(data.directory, c.personId), answers: c.answers, url: `/c/${courseId}/expertise/${c.personId}` })),
    })),
  };
}

export function presentPersonExpertise(data: PersonExpertise) {
  return {
    ...namedOf(data.directory, data.personId),
    roleKey: data.membership.role === 'staff' ? 'care.roleStaff' : 'care.roleLearner',
    champion: data.directory.champions?.has(data.personId) === true,
    total: data.total,
    tags: byTag(data.counts, data.directory).map((group) => ({ tag: group.tag, removed: group.removed, answers: group.counts.reduce((sum, c) => sum + c.answers, 0) })),
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
