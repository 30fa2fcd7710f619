import { Router, type Request, type Response } from 'express';
import type { CommandContext } from '../../../commands/context';
import {
  listNotifications, listThreads, moderationQueue, postForEdit, postHistory, readThread, searchPosts, THREADS_PER_PAGE,
} from '../../../commands/discussion/read';
import { renderPolicy } from '../../../commands/discussion/moderation';
import type { PostKind } from '../../../domain/discussion';
import { translator } from '../../../i18n/translate';
import { can, subjectOf } from '../../../policies/can';
import { presentAuthor } from '../../../presenters/authors';
import { presentReplyTree, presentThread, presentThreadSummary, threadUrl } from '../../../presenters/discussion';
import { presentAnonymityChoices, presentComposer, presentFilters, presentNotification, presentSearchResult, presentQueueEntry, presentRevision } from '../../../presenters/room';
import { handle } from '../../async-handler';
import { member } from '../../middleware/course-member';
import { requestLocale } from '../../middleware/locale';
import { SearchQuery, ThreadListQuery } from './schema';

/** The discussion room's pages. Forms on them post to actions.ts. */
export function discussionPages(ctx: CommandContext): Router {
  const router = Router();
  const base = (req: Request, res: Response) => {
    const { actor, course } = member(res);
    return { actor, course, viewer: subjectOf(actor), courseView: { id: course.id, title: course.title, label: course.label }, t: translator(requestLocale(req, res)) };
  };

  router.get('/c/:courseId/discussion', handle((req, res) => renderRoom(ctx, req, res)));

  router.get('/c/:courseId/discussion/threads/:threadId', handle((req, res) => renderThread(ctx, req, res)));

  router.get('/c/:courseId/discussion/search', handle(async (req, res) => {
    const { actor, course, viewer, courseView, t } = base(req, res);
    const { q } = SearchQuery.parse(req.query);
    const found = q.trim() ? await searchPosts(ctx, actor, course, q) : null;
    res.render('pages/search', {
      title: `${t('discussion.search')} · ${course.title}`, page: 'discussion', course: courseView, q,
      results: found?.results.map((r) => presentSearchResult(r, viewer, found.directory)) ?? [],
      searched: found !== null,
      csrfToken: req.session!.csrfToken,
    });
  }));

  router.get('/c/:courseId/discussion/posts/:postKind/:postId/edit', handle(async (req, res) => {
    const { actor, course, courseView, t } = base(req, res);
    const postKind: PostKind = String(req.params.postKind) === 'reply' ? 'reply' : 'thread';
    const { thread, post, tags } = await postForEdit(ctx, actor, course, postKind, String(req.params.postId));
    res.render('pages/edit-post', {
      title: `${t('discussion.edit')} · ${course.title}`, page: 'discussion', course: courseView, postKind, postId: post.id,
      isThread: postKind === 'thread', threadTitle: thread.title, threadUrl: threadUrl(course.id, thread.id),
      form: { title: postKind === 'thread' ? thread.title : '', body: post.bodySource },
      tags: tags.map((tag) => ({ id: tag.id, name: tag.name, checked: thread.tagIds.includes(tag.id) })),
      csrfToken: req.session!.csrfToken,
    });
  }));

  router.get('/c/:courseId/discussion/posts/:postKind/:postId/history', handle(async (req, res) => {
    const { actor, course, viewer, courseView, t } = base(req, res);
    const postKind = String(req.params.postKind) === 'reply' ? 'reply' : 'thread';
    const history = await postHistory(ctx, actor, course, postKind, String(req.params.postId));
    res.render('pages/history', {
      title: `${t('discussion.earlierVersions')} · ${course.title}`, page: 'discussion', course: courseView,
      thread: presentThreadSummary(history.thread, viewer, history.directory),
      author: presentAuthor(history.current, viewer, history.directory),
      current: { bodySource: history.current.bodySource, edited: history.current.editedAt !== null },
      revisions: history.revisions.map(presentRevision).reverse(),
      csrfToken: req.session!.csrfToken,
    });
  }));

  router.get('/c/:courseId/discussion/moderation', handle(async (req, res) => {
    const { actor, course, viewer, courseView, t } = base(req, res);
    const queue = await moderationQueue(ctx, actor, course);
    res.render('pages/moderation', {
      title: `${t('discussion.moderationTitle')} · ${course.title}`, page: 'discussion', course: courseView,
      entries: queue.entries.map((e) => presentQueueEntry(e, viewer, queue.directory)),
      csrfToken: req.session!.csrfToken,
    });
  }));

  router.get('/c/:courseId/discussion/settings', handle(async (req, res) => {
    const { actor, course, courseView, t } = base(req, res);
    if (!can(actor, 'settings.manage', { courseId: course.id })) {
      res.status(403).render('pages/error', { title: t('discussion.staffOnlyTitle'), status: 403, code: 'FORBIDDEN', message: t('discussion.staffOnlySettings') });
      return;
    }
    const [settings, tags] = await Promise.all([ctx.storage.settings.get(course.id, ctx.now()), ctx.storage.tags.listByCourse(course.id)]);
    res.render('pages/room-settings', {
      title: `${t('discussion.roomSettings')} · ${course.title}`, page: 'discussion', course: courseView,
      anonymityOptions: [
        { value: 'named', labelKey: 'discussion.roomAnonymityNamed', checked: settings.anonymity === 'named' },
        { value: 'peers', labelKey: 'discussion.roomAnonymityPeers', checked: settings.anonymity === 'peers' },
        { value: 'everyone', labelKey: 'discussion.roomAnonymityEveryone', checked: settings.anonymity === 'everyone' },
      ],
      postingPolicy: settings.postingPolicy ?? '', policyVersion: settings.policyVersion,
      tags: tags.map((t) => ({ id: t.id, name: t.name })),
      csrfToken: req.session!.csrfToken,
    });
  }));

  router.get('/c/:courseId/notifications', handle(async (req, res) => {
    const { actor, course, viewer, courseView, t } = base(req, res);
    const { items, unread, directory } = await listNotifications(ctx, actor, course);
    res.render('pages/notifications', {
      title: `${t('course.navNotifications')} · ${course.title}`, page: 'notifications', course: courseView, unread,
      items: items.map((item) => presentNotification(item, viewer, directory, t)),
      csrfToken: req.session!.csrfToken, liveCourseId: course.id, lastSeq: await ctx.storage.events.latestSeq(course.id),
    });
  }));

  return router;
}

export interface FormState {
  error?: string;
  values?: Record<string, unknown>;
  /** For a rejected reply or comment: which form (parent id, or 'thread') to reopen. */
  target?: string;
}

export async function renderRoom(ctx: CommandContext, req: Request, res: Response, form: FormState = {}): Promise<void> {
  const { actor, course } = member(res);
  const viewer = subjectOf(actor);
  const query = ThreadListQuery.parse(req.query);
  const { page, directory, state } = await listThreads(ctx, actor, course, { sort: query.sort, filter: query.filter, tagId: query.tag, cursor: query.cursor });
  // Read-only viewers (current learners in an alumni space that staff opened for reading) get no composer to be refused by.
  const composer = can(actor, 'thread.create', { courseId: course.id }) ? await presentComposer(ctx, actor, course, form) : null;
  const filters = presentFilters(course.id, query, [...directory.tags.values()]);
  res.render('pages/discussion', {
    title: `${translator(requestLocale(req, res))('discussion.room')} · ${course.title}`,
    page: 'discussion',
    course: { id: course.id, title: course.title, label: course.label },
    threads: page.items.map((thread) => presentThreadSummary(thread, viewer, directory, state)),
    nextPage: page.nextCursor ? `${filters.baseUrl}&cursor=${encodeURIComponent(page.nextCursor)}` : null,
    isFirstPage: !query.cursor,
    isDefaultView: query.sort === 'activity' && query.filter === 'all' && !query.tag,
    pageSize: THREADS_PER_PAGE,
    filters,
    composer,
    isStaff: actor.membership.role === 'staff',
    csrfToken: req.session!.csrfToken,
    liveCourseId: course.id,
    lastSeq: await ctx.storage.events.latestSeq(course.id),
  });
}

export async function renderThread(ctx: CommandContext, req: Request, res: Response, form: FormState = {}): Promise<void> {
  const { actor, course } = member(res);
  const viewer = subjectOf(actor);
  const { thread, replies, directory, state, settings, mustAcceptPolicy } = await readThread(ctx, actor, course, String(req.params.threadId));
  res.render('pages/thread', {
    title: `${thread.deletedAt ? translator(requestLocale(req, res))('discussion.deletedThread') : thread.title} · ${course.title}`,
    page: 'discussion',
    course: { id: course.id, title: course.title, label: course.label },
    thread: presentThread(thread, viewer, directory, state),
    replies: presentReplyTree(replies, thread, viewer, directory, state),
    anonymity: presentAnonymityChoices(settings.anonymity, String(form.values?.anonymity ?? 'named')),
    policy: mustAcceptPolicy && settings.postingPolicy ? renderPolicy(settings.postingPolicy) : null,
    form,
    formTarget: form.target ?? null,
    csrfToken: req.session!.csrfToken,
    liveCourseId: course.id,
    liveThreadId: thread.id,
    lastSeq: await ctx.storage.events.latestSeq(course.id),
  });
}
