import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { CommandContext } from '../../../commands/context';
import type { Course } from '../../../domain/course';
import { badRequest, notFound } from '../../../domain/errors';
import { translator, type Translate } from '../../../i18n/translate';
import type { Lti } from '../../../lti';
import { findDeepLinkRequest, takeDeepLinkRequest, type DeepLinkRequest } from '../../../lti/deep-linking/requests';
import type { PickedItem } from '../../../lti/deep-linking/response';
import { parseTarget, type AgoraTarget } from '../../../lti/targets';
import { handle } from '../../async-handler';
import { member, requireCourseMember } from '../../middleware/course-member';
import { requestLocale } from '../../middleware/locale';
import { validate } from '../../middleware/validate';
import { requireStaff } from './staff';

/**
 * The deep-linking picker: staff adding Agora to a course (Moodle "Select content", Canvas link or
 * assignment selection) choose what the new link opens: the course home, the discussion room, one
 * thread, the hotseat or the alumni space. The answer goes back to the LMS as a signed
 * LtiDeepLinkingResponse in an auto-submitted form; the link it creates opens exactly that item.
 */
const RECENT_THREADS = 20;
// Catalog keys: the picker speaks the staff member's language, and so do the link's title and text in the LMS.
const SPACES: Array<{ target: AgoraTarget; label: string; hint: string; title: string }> = [
  { target: { kind: 'home' }, label: 'lti.spaceHome', hint: 'lti.spaceHomeHint', title: 'lti.linkTitleHome' },
  { target: { kind: 'discussion' }, label: 'lti.spaceDiscussion', hint: 'lti.spaceDiscussionHint', title: 'lti.linkTitleDiscussion' },
  { target: { kind: 'hotseat' }, label: 'lti.spaceHotseat', hint: 'lti.spaceHotseatHint', title: 'lti.linkTitleHotseat' },
  { target: { kind: 'alumni' }, label: 'lti.spaceAlumni', hint: 'lti.spaceAlumniHint', title: 'lti.linkTitleAlumni' },
];
const pageTranslator = (req: Request, res: Response) => translator(requestLocale(req, res));

const PickBody = z.object({
  action: z.enum(['add', 'cancel'], { message: 'errors.form.deepLinkAction' }).default('add'),
  item: z.string().optional(),
  title: z.string().trim().max(200, 'errors.form.deepLinkTitleTooLong').optional(),
  _csrf: z.string().optional(),
});

export function deepLinkRouter(ctx: CommandContext, lti: Pick<Lti, 'deepLinking'>): Router {
  const router = Router();
  router.use('/c/:courseId/deep-link', requireCourseMember(ctx));

  async function requestFor(res: Response, requestId: string): Promise<DeepLinkRequest> {
    const { actor, course } = member(res);
    requireStaff(actor, 'errors.staffOnly.deepLink');
    const request = await findDeepLinkRequest(ctx.storage, requestId, ctx.now());
    if (!request || request.courseId !== course.id || request.personId !== actor.person.id) {
      throw notFound('DEEP_LINK_REQUEST_GONE', 'errors.deepLinkRequestExpired');
    }
    return request;
  }

  const offersLinks = (request: DeepLinkRequest) => request.acceptTypes.includes('ltiResourceLink');

  router.get('/c/:courseId/deep-link/:requestId', handle(async (req, res) => {
    const { course } = member(res);
    const request = await requestFor(res, String(req.params.requestId));
    const [threads, hotseats] = await Promise.all([
      ctx.storage.threads.list(course.id, { sort: 'activity', limit: RECENT_THREADS, includeHidden: false }),
      ctx.storage.hotseats.listByCourse(course.id),
    ]);
    res.render('pages/lti-deep-link-picker', {
      title: pageTranslator(req, res)('lti.addAgoraTo', { course: course.title }),
      page: 'deep-link',
      course: { id: course.id, title: course.title, label: course.label },
      action: `/c/${course.id}/deep-link/${String(req.params.requestId)}`,
      csrfToken: req.session!.csrfToken,
      offersLinks: offersLinks(request),
      accepted: request.acceptTypes.join(', '),
      spaces: SPACES.map((space, index) => ({ value: space.target.kind, labelKey: space.label, hintKey: space.hint, checked: index === 0 })),
      threads: threads.items.filter((thread) => !thread.deletedAt).map((thread) => ({ value: `thread:${thread.id}`, label: thread.title })),
      hotseats: hotseats.map((hotseat) => ({ value: `hotseat:${hotseat.id}`, label: hotseat.title })),
    });
  }));

  router.post('/c/:courseId/deep-link/:requestId', validate('body', PickBody), handle(async (req, res) => {
    const { course } = member(res);
    const body = req.body as z.infer<typeof PickBody>;
    const t = pageTranslator(req, res);
    await requestFor(res, String(req.params.requestId));
    const picked = body.action === 'add' ? await pick(ctx, course, body, t) : null;
    // Answered once: a second tab or a double click finds nothing left to answer.
    const request = await takeDeepLinkRequest(ctx.storage, String(req.params.requestId), ctx.now());
    if (!request) throw notFound('DEEP_LINK_REQUEST_GONE', 'errors.deepLinkRequestAnswered');
    if (picked && !offersLinks(request)) throw (request.acceptTypes.length > 0
      ? badRequest('DEEP_LINK_NOT_ACCEPTED', 'errors.deepLinkNotAccepted', { accepts: request.acceptTypes.join(', ') })
      : badRequest('DEEP_LINK_NOT_ACCEPTED', 'errors.deepLinkAcceptsNothing'));
    const items = picked ? [lti.deepLinking.contentItem(picked)] : [];
    const message = picked ? t('lti.addedMessage', { title: picked.title }) : t('lti.nothingAddedMessage');
    const jwt = await lti.deepLinking.sign(request, items, message);
    allowFormPostTo(res, request.returnUrl);
    res.render('pages/lti-deep-link-return', {
      title: t(picked ? 'lti.addingTitle' : 'lti.returningTitle'),
      returnUrl: request.returnUrl,
      jwt,
      summary: picked ? t('lti.adding', { title: picked.title }) : t('lti.returningEmpty'),
    });
  }));

  return router;
}

async function pick(ctx: CommandContext, course: Course, body: z.infer<typeof PickBody>, t: Translate): Promise<PickedItem> {
  const target = parseTarget(body.item);
  if (!target) throw badRequest('DEEP_LINK_ITEM_REQUIRED', 'errors.deepLinkItemRequired');
  const custom = body.title ? body.title : null;
  if (target.kind === 'hotseatSession') {
    const hotseat = await ctx.storage.hotseats.findById(course.id, target.hotseatId);
    if (!hotseat) throw badRequest('DEEP_LINK_HOTSEAT_GONE', 'errors.deepLinkHotseatGone');
    return { target, title: custom ?? t('lti.linkTitleHotseatSession', { title: hotseat.title }), text: t('lti.linkTextHotseatSession', { course: course.title }) };
  }
  if (target.kind !== 'thread') {
    const space = SPACES.find((s) => s.target.kind === target.kind)!;
    return { target, title: custom ?? t(space.title), text: t(space.hint) };
  }
  const thread = await ctx.storage.threads.findById(course.id, target.threadId);
  if (!thread || thread.deletedAt || thread.hidden) {
    throw badRequest('DEEP_LINK_THREAD_GONE', 'errors.deepLinkThreadGone');
  }
  return { target, title: custom ?? thread.title, text: t('lti.linkTextThread', { course: course.title }) };
}

/** The signed answer is posted to the LMS: allow exactly that origin as a form target on this page. */
function allowFormPostTo(res: Response, returnUrl: string): void {
  const policy = String(res.getHeader('Content-Security-Policy') ?? '');
  const origin = new URL(returnUrl).origin;
  if (policy) res.setHeader('Content-Security-Policy', policy.replace("form-action 'self'", `form-action 'self' ${origin}`));
}
