import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import { createCommunity, joinCommunity, setCohortLabel } from '../../../commands/alumni/communities';
import { graduateCohort } from '../../../commands/alumni/graduation';
import { loadCourseAlumni } from '../../../commands/alumni/read';
import type { CommandContext } from '../../../commands/context';
import { defaultCohortLabel } from '../../../domain/alumni';
import { communityUrl, presentCourseAlumni } from '../../../presenters/alumni';
import { translator } from '../../../i18n/translate';
import { handle } from '../../async-handler';
import { requestLocale } from '../../middleware/locale';
import { member, requireCourseMember } from '../../middleware/course-member';
import { validate } from '../../middleware/validate';
import { respond } from '../discussion/respond';
import { MembersQuery } from '../discussion/schema';
import { courseMentions } from '../../../commands/discussion/support';
import { mentionablePeople } from '../../../commands/alumni/presence';
import { orReshow } from './reshow';
import { CohortLabelBody, CreateCommunityBody, JoinCommunityBody } from './schema';

/**
 * A course's alumni page (/c/:courseId/alumni, the URL the course home and deep links use): which
 * community the course belongs to, and for staff how to link it (create, join from the list or by
 * code, the community Agora suggests from the course-copy history), its cohort label and graduation.
 * A community's space course has no such page: its URLs lead to the community's own page.
 */
export function alumniCoursePages(ctx: CommandContext): Router {
  const router = Router();
  const memberOnly = requireCourseMember(ctx);

  // The space course's "home" and "alumni" links (from the room's header) open the community.
  router.get(['/c/:courseId', '/c/:courseId/alumni'], handle(async (req, res, next) => {
    const community = await ctx.storage.communities.findBySpaceCourse(String(req.params.courseId));
    if (!community) {
      next();
      return;
    }
    res.redirect(303, communityUrl(community.id));
  }));

  // @-mention suggestions in a community's room list only people who turned their profile on.
  const spaceOnly = handle(async (req, _res, next) => {
    // Any other course's suggestions are the room's own (next('route') leaves this route).
    next((await ctx.storage.communities.findBySpaceCourse(String(req.params.courseId))) ? undefined : 'route');
  });
  router.get('/api/courses/:courseId/members', spaceOnly, memberOnly, handle(async (req, res) => {
    const { course } = member(res);
    const needle = MembersQuery.parse(req.query).q.trim().toLowerCase().replace(/^@/, '');
    const [{ personIds }, visible] = await Promise.all([courseMentions(ctx, course), mentionablePeople(ctx, course.id)]);
    const members = [...personIds]
      .filter(([, personId]) => visible.has(personId))
      .map(([handle, personId]) => ({ handle, name: visible.get(personId)! }))
      .filter(({ handle, name }) => !needle || handle.startsWith(needle) || name.toLowerCase().split(/\s+/).some((word) => word.startsWith(needle)))
      .slice(0, 8);
    res.json({ ok: true, data: { members } });
  }));

  const page = (courseId: string) => `/c/${courseId}/alumni`;

  async function render(req: Request, res: Response, form: { error?: string; values?: Record<string, unknown> } = {}): Promise<void> {
    const { actor, course } = member(res);
    const data = await loadCourseAlumni(ctx, actor, course);
    const t = translator(requestLocale(req, res));
    res.render('pages/alumni-course', {
      title: t('alumni.coursePageTitle', { course: course.title }),
      page: 'alumni',
      course: { id: course.id, title: course.title, label: course.label },
      alumni: presentCourseAlumni(data, actor, course.id),
      defaultName: t('alumni.defaultCommunityName', { course: course.title }),
      defaultCohort: defaultCohortLabel(course, data.record?.term ?? null),
      error: form.error ?? null,
      values: form.values ?? {},
      csrfToken: req.session!.csrfToken,
    });
  }

  router.get('/c/:courseId/alumni', memberOnly, handle((req, res) => render(req, res)));

  router.post('/c/:courseId/alumni/create', memberOnly, validate('body', CreateCommunityBody), handle(async (req, res) => {
    const { actor, course } = member(res);
    const input = req.body as z.infer<typeof CreateCommunityBody>;
    await orReshow(req, res, async () => {
      const community = await createCommunity(ctx, actor, course, input);
      respond(req, res, { redirect: page(course.id), status: 201, data: { community: { id: community.id, name: community.name, joinCode: community.joinCode, url: communityUrl(community.id) } } });
    }, (error) => render(req, res, { error, values: input }));
  }));

  router.post('/c/:courseId/alumni/join', memberOnly, validate('body', JoinCommunityBody), handle(async (req, res) => {
    const { actor, course } = member(res);
    const input = req.body as z.infer<typeof JoinCommunityBody>;
    await orReshow(req, res, async () => {
      const community = await joinCommunity(ctx, actor, course, input);
      respond(req, res, { redirect: page(course.id), data: { community: { id: community.id, name: community.name, url: communityUrl(community.id) } } });
    }, (error) => render(req, res, { error, values: input }));
  }));

  router.post('/c/:courseId/alumni/cohort', memberOnly, validate('body', CohortLabelBody), handle(async (req, res) => {
    const { actor, course } = member(res);
    const input = req.body as z.infer<typeof CohortLabelBody>;
    await orReshow(req, res, async () => {
      await setCohortLabel(ctx, actor, course, input.cohortLabel);
      respond(req, res, { redirect: page(course.id) });
    }, (error) => render(req, res, { error, values: input }));
  }));

  router.post('/c/:courseId/alumni/graduate', memberOnly, handle(async (req, res) => {
    const { actor, course } = member(res);
    await orReshow(req, res, async () => {
      const result = await graduateCohort(ctx, actor, course);
      respond(req, res, { redirect: page(course.id), data: result });
    }, (error) => render(req, res, { error }));
  }));

  return router;
}
