import type { ExportedThreadSource } from '../commands/care/export/course-export';
import type { PersonalData } from '../commands/care/privacy/personal-data';
import type { Anonymity, Reply, Thread } from '../domain/discussion';
import type { Subject } from '../policies/can';
import { presentAuthor } from './authors';
import { presentDigestRecords } from './digest';

/**
 * What leaves Agora in an export. Staff's course export shows every author exactly as staff see
 * them on the page (presenters/authors.ts): a post anonymous to everyone stays anonymous, and no
 * author id is ever written. A person's own export holds their own records, nothing that would
 * unmask someone else (notifications, for instance, leave out who caused them).
 */
export const ANONYMITY_LABEL: Record<Anonymity, string> = {
  named: 'named',
  peers: 'anonymous to classmates',
  everyone: 'anonymous to everyone',
};

export interface ExportedPost {
  type: 'thread' | 'reply' | 'comment';
  id: string;
  threadId: string;
  parentId: string | null;
  kind: string | null;
  title: string | null;
  /** Null for a deleted post: its author took it back. */
  author: { name: string; anonymous: boolean; anonymity: string } | null;
  /** Markdown as written; null for a deleted post. */
  body: string | null;
  tags: string[];
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  hidden: boolean;
  pinned: boolean;
  locked: boolean;
  votes: number;
  endorsed: boolean;
  accepted: boolean;
}

export interface ExportedThread extends ExportedPost {
  replies: ExportedPost[];
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function presentExportedThread(source: ExportedThreadSource, courseId: string): ExportedThread {
  const { thread, directory } = source;
  // Staff in general, not the exporting person: their own anonymous posts are exported as others see them.
  const staff: Subject = { personId: '', courseId, role: 'staff' };
  const author = (post: Thread | Reply) => {
    if (post.deletedAt) return null;
    const view = presentAuthor(post, staff, directory);
    return { name: view.name, anonymous: view.anonymous, anonymity: ANONYMITY_LABEL[post.anonymity] };
  };
  const base = (post: Thread | Reply) => ({
    id: post.id, threadId: thread.id, author: author(post), body: post.deletedAt ? null : post.bodySource,
    createdAt: post.createdAt.toISOString(), editedAt: iso(post.editedAt), deleted: post.deletedAt !== null,
    hidden: post.hidden, votes: post.voteCount,
  });
  return {
    ...base(thread),
    type: 'thread', parentId: null, kind: thread.kind, title: thread.deletedAt ? null : thread.title,
    tags: thread.tagIds.map((id) => directory.tags.get(id)?.name).filter((name): name is string => name !== undefined),
    pinned: thread.pinned, locked: thread.locked, endorsed: false, accepted: false,
    replies: source.replies.map((reply): ExportedPost => ({
      ...base(reply),
      type: reply.parentId === null ? 'reply' : 'comment', parentId: reply.parentId, kind: null, title: null, tags: [],
      pinned: false, locked: false, endorsed: reply.endorsedBy !== null, accepted: thread.acceptedReplyId === reply.id,
    })),
  };
}

export const CSV_COLUMNS = [
  'type', 'id', 'thread_id', 'parent_id', 'kind', 'title', 'author', 'author_anonymous', 'anonymity', 'body', 'tags',
  'created_at', 'edited_at', 'deleted', 'hidden', 'pinned', 'locked', 'votes', 'endorsed', 'accepted',
] as const;

export function csvCells(post: ExportedPost): Array<string | number | boolean | null> {
  return [
    post.type, post.id, post.threadId, post.parentId, post.kind, post.title, post.author?.name ?? null, post.author?.anonymous ?? null,
    post.author?.anonymity ?? null, post.body, post.tags.join('; '), post.createdAt, post.editedAt, post.deleted, post.hidden,
    post.pinned, post.locked, post.votes, post.endorsed, post.accepted,
  ];
}

/** A person's own data as they download it: plain JSON, dates as ISO strings, courses named. */
export function presentPersonalData(data: PersonalData, exportedAt: Date) {
  const { person, records } = data;
  const course = (courseId: string) => ({ courseId, course: data.courses.get(courseId)?.title ?? null });
  return {
    about: 'Everything Agora holds about you. Posts include those you wrote anonymously; they are yours.',
    exportedAt: exportedAt.toISOString(),
    person: {
      id: person.id, lmsIssuer: person.issuer, lmsUserId: person.subject, name: person.name, givenName: person.givenName,
      familyName: person.familyName, email: person.email, locale: person.locale, firstSeenAt: person.createdAt.toISOString(),
    },
    memberships: records.memberships.map((m) => ({
      ...course(m.courseId), role: m.role, ltiRoles: m.ltiRoles, firstLaunchAt: m.firstLaunchAt.toISOString(),
      lastLaunchAt: m.lastLaunchAt.toISOString(), source: m.source ?? 'launch', removedAt: iso(m.removedAt ?? null),
    })),
    champion: data.champions.map((c) => ({ ...course(c.courseId), since: c.grantedAt.toISOString() })),
    posts: records.posts.map((p) => ({
      ...course(p.courseId), type: p.postKind === 'thread' ? 'thread' : p.parentId === null ? 'reply' : 'comment', id: p.id, threadId: p.threadId,
      parentId: p.parentId, kind: p.threadKind, title: p.title, body: p.bodySource, anonymity: ANONYMITY_LABEL[p.anonymity],
      hidden: p.hidden, endorsed: p.endorsed, createdAt: p.createdAt.toISOString(), editedAt: iso(p.editedAt), deletedAt: iso(p.deletedAt),
    })),
    earlierVersionsOfYourPosts: records.revisions.map((r) => ({
      ...course(r.courseId), postType: r.postKind, postId: r.postId, title: r.title, body: r.bodySource, replacedAt: r.createdAt.toISOString(),
    })),
    votes: records.votes.map((v) => ({ ...course(v.courseId), postType: v.postKind, postId: v.postId, at: v.createdAt.toISOString() })),
    following: records.follows.map((f) => ({ ...course(f.courseId), threadId: f.threadId, since: f.createdAt.toISOString() })),
    threadsRead: records.reads.map((r) => ({ ...course(r.courseId), threadId: r.threadId, lastReadAt: r.lastReadAt.toISOString() })),
    courseVisits: records.visits.map((v) => ({ ...course(v.courseId), lastVisitAt: v.lastVisitAt.toISOString() })),
    // Who caused a notification is left out: it may be someone who posted anonymously.
    notifications: records.notifications.map((n) => ({
      ...course(n.courseId), kind: n.kind, threadId: n.threadId, replyId: n.replyId, at: n.createdAt.toISOString(), readAt: iso(n.readAt),
    })),
    questionsRoutedToYou: data.routings.map((r) => ({ ...course(r.courseId), threadId: r.threadId, at: r.routedAt.toISOString() })),
    reportsYouFiled: records.reports.map((r) => ({
      ...course(r.courseId), postType: r.postKind, postId: r.postId, threadId: r.threadId, reason: r.reason,
      at: r.createdAt.toISOString(), resolvedAt: iso(r.resolvedAt),
    })),
    postingPolicyAccepted: records.policyAcceptances.map((a) => ({ ...course(a.courseId), version: a.policyVersion, at: a.acceptedAt.toISOString() })),
    pseudonyms: records.pseudonyms.map((p) => ({ ...course(p.courseId), name: p.name })),
    signedInSessions: records.sessions.map((s) => ({ startedAt: s.createdAt.toISOString(), expiresAt: s.expiresAt.toISOString() })),
    emailDigests: presentDigestRecords(data.digest),
    ...presentOtherAreas(data),
  };
}

/** Their hotseat, alumni and grade records (the answers they gave as a host name no asker). */
function presentOtherAreas(data: PersonalData) {
  const { records } = data;
  const course = (courseId: string) => ({ courseId, course: data.courses.get(courseId)?.title ?? null });
  const community = (communityId: string) => ({ communityId, community: data.communities.get(communityId) ?? null });
  return {
    hotseatQuestions: records.hotseatQuestions.map((q) => ({
      ...course(q.courseId), hotseatId: q.hotseatId, id: q.id, body: q.bodySource, anonymity: ANONYMITY_LABEL[q.anonymity], status: q.status,
      hidden: q.hidden, answer: q.answerSource, askedAt: q.createdAt.toISOString(), editedAt: iso(q.editedAt),
    })),
    hotseatFollowUps: records.hotseatFollowUps.map((f) => ({
      ...course(f.courseId), hotseatId: f.hotseatId, questionId: f.questionId, id: f.id, body: f.bodySource, anonymity: ANONYMITY_LABEL[f.anonymity], at: f.createdAt.toISOString(),
    })),
    hotseatVotes: records.hotseatVotes.map((v) => ({ ...course(v.courseId), hotseatId: v.hotseatId, questionId: v.questionId, at: v.createdAt.toISOString() })),
    hotseatsYouHosted: records.hotseatHosting.map((h) => ({ ...course(h.courseId), hotseatId: h.hotseatId, as: h.kind === 'guest' ? 'guest host' : 'staff host', introduction: h.bio, since: h.addedAt.toISOString() })),
    hotseatAnswersYouGave: records.hotseatAnswers.map((a) => ({ ...course(a.courseId), hotseatId: a.hotseatId, questionId: a.questionId, answer: a.answerSource, at: a.answeredAt.toISOString() })),
    alumniOf: records.alumni.map((a) => ({ ...community(a.communityId), ...course(a.courseId), cohort: a.cohortLabel, since: a.graduatedAt.toISOString() })),
    alumniProfiles: records.alumniProfiles.map((p) => ({
      ...community(p.communityId), visible: p.visible, displayName: p.displayName, bio: p.bio, expertise: p.tags, happyToBeAsked: p.happyToBeAsked,
      updatedAt: p.updatedAt.toISOString(),
    })),
    participationScoresSentToYourLms: records.gradePushes.map((g) => ({ ...course(g.courseId), score: g.scoreGiven, outOf: g.scoreMaximum, sentAt: g.pushedAt.toISOString() })),
  };
}
