import { Router, type Response } from 'express';
import { z } from 'zod';
import type { CommandContext } from '../../../commands/context';
import type { Course } from '../../../domain/course';
import { badRequest, notFound } from '../../../domain/errors';
import type { Lti } from '../../../lti';
import { findDeepLinkRequest, takeDeepLinkRequest, type DeepLinkRequest } from '../../../lti/deep-linking/requests';
import type { PickedItem } from '../../../lti/deep-linking/response';
import { parseTarget, type AgoraTarget } from '../../../lti/targets';
import { handle } from '../../async-handler';
import { member, requireCourseMember } from '../../middleware/course-member';
import { validate } from '../../middleware/validate';
import { requireStaff } from './staff';

/**
 * The deep-linking picker: staff adding Agora to a course (Moodle "Select content", Canvas link or
 * assignment selection) choose what the new link opens: the course home, the discussion room, one
 * thread, the hotseat or the alumni space. The answer goes back to the LMS as a signed
 * LtiDeepLinkingResponse in an auto-submitted form; the link it creates opens exactly that item.
 */
const RECENT_THREADS = 20;
const SPACES: Array<{ target: AgoraTarget; label: string; hint: string; title: string }> = [
  { target: { kind: 'home' }, label: 'Course home', hint: 'All of Agora for this course: the spaces and who is here.', title: 'Agora' },
  { target: { kind: 'discussion' }, label: 'Discussion room', hint: 'Questions and threads of the whole course.', title: 'Agora · Discussion room' },
  { target: { kind: 'hotseat' }, label: 'Hotseat', hint: 'Live questions for a guest or a teacher.', title: 'Agora · Hotseat' },
  { target: { kind: 'alumni' }, label: 'Alumni space', hint: 'Where the course\'s community carries on after it ends.', title: 'Agora · Alumni space' },
];

const PickBody = z.object({
  action: z.enum(['add', 'cancel'], { message: 'Choose "Add link" or "Cancel".' }).default('add'),
  item: z.string().optional(),
  title: z.string().trim().max(200, 'Keep the link title under 200 characters.').optional(),
  _csrf: z.string().optional(),
});

export function deepLinkRouter(ctx: CommandContext, lti: Pick<Lti, 'deepLinking'>): Router {
  const router = Router();
  router.use('/c/:courseId/deep-link', requireCourseMember(ctx));

  async function requestFor(res: Response, requestId: string): Promise<DeepLinkRequest> {
    const { actor, course } = member(res);
    requireStaff(actor, 'add Agora links to the course');
    const request = await findDeepLinkRequest(ctx.storage, requestId, ctx.now());
    if (!request || request.courseId !== course.id || request.personId !== actor.person.id) {
      throw notFound('DEEP_LINK_REQUEST_GONE', 'This request to add a link has expired or was already answered. Start again from your course in the LMS ("Select content" in Moodle, the Agora option in Canvas).');
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
      title: `Add Agora to ${course.title}`,
      page: 'deep-link',
      course: { id: course.id, title: course.title, label: course.label },
      action: `/c/${course.id}/deep-link/${String(req.params.requestId)}`,
      csrfToken: req.session!.csrfToken,
      offersLinks: offersLinks(request),
      accepted: request.acceptTypes.join(', ') || 'nothing',
      spaces: SPACES.map((space, index) => ({ value: space.target.kind, label: space.label, hint: space.hint, checked: index === 0 })),
      threads: threads.items.filter((thread) => !thread.deletedAt).map((thread) => ({ value: `thread:${thread.id}`, label: thread.title })),
      hotseats: hotseats.map((hotseat) => ({ value: `hotseat:${hotseat.id}`, label: hotseat.title })),
    });
  }));

  router.post('/c/:courseId/deep-link/:requestId', validate('body', PickBody), handle(async (req, res) => {
    const { course } = member(res);
    const body = req.body as z.infer<typeof PickBody>;
    await requestFor(res, String(req.params.requestId));
    const picked = body.action === 'add' ? await pick(ctx, course, body) : null;
    // Answered once: a second tab or a double click finds nothing left to answer.
    const request = await takeDeepLinkRequest(ctx.storage, String(req.params.requestId), ctx.now());
    if (!request) throw notFound('DEEP_LINK_REQUEST_GONE', 'This request to add a link was already answered. Start again from your course in the LMS if you want another link.');
    if (picked && !offersLinks(request)) throw badRequest('DEEP_LINK_NOT_ACCEPTED', `Your LMS did not ask for links here (it accepts: ${request.acceptTypes.join(', ') || 'nothing'}), so Agora cannot add one.`);
    const items = picked ? [lti.deepLinking.contentItem(picked)] : [];
    const message = picked ? `Added "${picked.title}" from Agora.` : 'Nothing was added from Agora.';
    const jwt = await lti.deepLinking.sign(request, items, message);
    allowFormPostTo(res, request.returnUrl);
    res.render('pages/lti-deep-link-return', {
      title: picked ? 'Adding the link' : 'Returning to your course',
      returnUrl: request.returnUrl,
      jwt,
      summary: picked ? `Adding “${picked.title}” to your course…` : 'Returning to your course without adding anything…',
    });
  }));

  return router;
}

async function pick(ctx: CommandContext, course: Course, body: z.infer<typeof PickBody>): Promise<PickedItem> {
  const target = parseTarget(body.item);
  if (!target) throw badRequest('DEEP_LINK_ITEM_REQUIRED', 'Choose what the link opens: a space or one of the threads.');
  const custom = body.title ? body.title : null;
  if (target.kind === 'hotseatSession') {
    const hotseat = await ctx.storage.hotseats.findById(course.id, target.hotseatId);
    if (!hotseat) throw badRequest('DEEP_LINK_HOTSEAT_GONE', 'That hotseat is not in this course any more. Choose another item.');
    return { target, title: custom ?? `Hotseat: ${hotseat.title}`, text: `A live Q&A session in ${course.title}.` };
  }
  if (target.kind !== 'thread') {
    const space = SPACES.find((s) => s.target.kind === target.kind)!;
    return { target, title: custom ?? space.title, text: space.hint };
  }
  const thread = await ctx.storage.threads.findById(course.id, target.threadId);
  if (!thread || thread.deletedAt || thread.hidden) {
    throw badRequest('DEEP_LINK_THREAD_GONE', 'That thread is not in this course any more. Choose another item.');
  }
  return { target, title: custom ?? thread.title, text: `A thread in the discussion room of ${course.title}.` };
}

/** The signed answer is posted to the LMS: allow exactly that origin as a form target on this page. */
function allowFormPostTo(res: Response, returnUrl: string): void {
  const policy = String(res.getHeader('Content-Security-Policy') ?? '');
  const origin = new URL(returnUrl).origin;
  if (policy) res.setHeader('Content-Security-Policy', policy.replace("form-action 'self'", `form-action 'self' ${origin}`));
}
