import { Router } from 'express';
import type { CommandContext } from '../../../commands/context';
import { displayName } from '../../../domain/person';
import type { Lti } from '../../../lti';
import { sayStoredMessage } from '../../../i18n/stored-message';
import { translate } from '../../../i18n/translate';
import { presentTime } from '../../../presenters/time';
import { handle } from '../../async-handler';
import { member, requireCourseMember } from '../../middleware/course-member';
import { requestLocale } from '../../middleware/locale';
import { requireStaff } from './staff';

/**
 * The course roster as the LMS reports it, for staff: when it was last synced, the last failure
 * in words, a "Sync now" button, and every member with whether they have opened Agora yet or were
 * removed by the LMS.
 */
export function rosterRouter(ctx: CommandContext, lti: Pick<Lti, 'roster'>): Router {
  const router = Router();
  router.use('/c/:courseId/roster', requireCourseMember(ctx));

  router.get('/c/:courseId/roster', handle(async (req, res) => {
    const { actor, course } = member(res);
    requireStaff(actor, 'errors.staffOnly.roster');
    const [services, members] = await Promise.all([
      ctx.storage.ltiServices.find(course.id),
      ctx.storage.roster.listMembers(course.id, { includeRemoved: true }),
    ]);
    const people = new Map((await ctx.storage.people.findByIds(members.map((m) => m.personId))).map((p) => [p.id, p]));
    const locale = requestLocale(req, res);
    const rows = members.map((m) => {
      const person = people.get(m.personId);
      // The page says role and status in the reader's language: a role, and a catalog key.
      return {
        name: person ? displayName(person, locale) : null,
        role: m.role,
        statusKey: m.removedAt ? 'lti.statusRemoved' : m.source === 'roster' ? 'lti.statusNotOpened' : 'lti.statusOpened',
        removedAt: m.removedAt ? presentTime(m.removedAt) : null,
        removed: Boolean(m.removedAt),
      };
    });
    const sync = services?.roster;
    res.render('pages/lti-roster', {
      title: `${translate(locale, 'lti.rosterTitle')} · ${course.title}`,
      page: 'roster',
      course: { id: course.id, title: course.title, label: course.label },
      csrfToken: req.session!.csrfToken,
      available: Boolean(services?.membershipsUrl),
      lastSuccess: sync?.lastSuccessAt ? presentTime(sync.lastSuccessAt) : null,
      lastAttempt: sync?.lastAttemptAt ? presentTime(sync.lastAttemptAt) : null,
      failed: Boolean(sync?.lastError),
      // Stored as a catalog message (older rows as English): said in the reader's language.
      error: sync?.lastError ? sayStoredMessage(sync.lastError, locale) : null,
      memberCount: rows.filter((r) => !r.removed).length,
      removedCount: rows.filter((r) => r.removed).length,
      members: rows,
    });
  }));

  router.post('/c/:courseId/roster/sync', handle(async (_req, res) => {
    const { actor, course } = member(res);
    requireStaff(actor, 'errors.staffOnly.rosterSync');
    await lti.roster.syncCourse(course.id);
    // The page shows the outcome (time, count or failure) from the store.
    res.redirect(303, `/c/${course.id}/roster`);
  }));

  return router;
}
