import { Router, type Request, type Response } from 'express';
import type { CommandContext } from '../../../commands/context';
import { loadHotseatPage, listHotseats } from '../../../commands/hotseat/read';
import type { HotseatScope } from '../../../commands/hotseat/access';
import { renderPolicy } from '../../../commands/discussion/moderation';
import { forbidden } from '../../../domain/errors';
import { presentAnonymityChoices } from '../../../presenters/room';
import { groupHotseats, hotseatListUrl, presentHotseatPage } from '../../../presenters/hotseat';
import { displayName } from '../../../domain/person';
import { translate } from '../../../i18n/translate';
import { handle } from '../../async-handler';
import { requestLocale } from '../../middleware/locale';
import { member } from '../../middleware/course-member';
import { wantsJson } from '../../middleware/errors';
import { hotseatScope } from './scope';

export interface FormState {
  error: string;
  values: Record<string, unknown>;
  /** Which form on the page the error belongs to (e.g. 'ask', or a question id). */
  target?: string;
}

const courseView = (course: { id: string; title: string; label: string | null }) => ({ id: course.id, title: course.title, label: course.label });

/** The hotseat page for whoever is looking: learners, hosts (the console) and staff. */
export async function renderHotseat(ctx: CommandContext, req: Request, res: Response, form?: FormState): Promise<void> {
  const scope = hotseatScope(res);
  const data = await loadHotseatPage(ctx, scope);
  const view = presentHotseatPage(data, scope.actor.subject);
  if (wantsJson(req) && !form) {
    res.json({ ok: true, data: { hotseat: view } });
    return;
  }
  const [settings, accepted] = await Promise.all([
    ctx.storage.settings.get(scope.course.id, ctx.now()),
    ctx.storage.settings.acceptedPolicyVersion(scope.course.id, scope.actor.person.id),
  ]);
  const mustAccept = scope.actor.subject.role === 'learner' && settings.postingPolicy !== null && (accepted ?? -1) < settings.policyVersion;
  const chosen = String(form?.values.anonymity ?? 'named');
  res.render('pages/hotseat', {
    title: `${view.title} · ${scope.course.title}`,
    page: 'hotseat',
    course: courseView(scope.course),
    hotseat: view,
    // Guests see no course navigation: nothing else of the course is theirs.
    isGuest: scope.actor.subject.role === 'guest',
    anonymity: scope.actor.membership ? presentAnonymityChoices(settings.anonymity, chosen) : null,
    policy: mustAccept && settings.postingPolicy ? renderPolicy(settings.postingPolicy) : null,
    form: form ? { error: form.error, values: form.values, target: form.target ?? 'ask' } : null,
    liveHotseatId: view.id,
    csrfToken: req.session!.csrfToken,
  });
}

function staffOnly(scope: Pick<HotseatScope, 'actor'>): void {
  if (scope.actor.subject.role !== 'staff') throw forbidden('FORBIDDEN', 'errors.hotseatStaffOnly');
}

/** The form's values for a hotseat: from a rejected submission, or from the stored hotseat. */
export function hotseatFormValues(values: Record<string, unknown> | null, stored?: HotseatScope['hotseat']) {
  const local = (date: Date | undefined) => (date ? date.toISOString().slice(0, 16) : '');
  const str = (key: string) => (values && values[key] instanceof Date ? local(values[key] as Date) : values ? String(values[key] ?? '') : '');
  if (values) {
    return {
      title: str('title'), description: str('description'), opensAt: str('opensAt'), startsAt: str('startsAt'), endsAt: str('endsAt'),
      premoderation: values.premoderation === true, convertOnClose: values.convertOnClose === true,
    };
  }
  return {
    title: stored?.title ?? '', description: stored?.descriptionSource ?? '', opensAt: local(stored?.opensAt), startsAt: local(stored?.startsAt),
    endsAt: local(stored?.endsAt), premoderation: stored?.premoderation ?? false, convertOnClose: stored?.convertOnClose ?? true,
  };
}

export async function renderHotseatForm(ctx: CommandContext, req: Request, res: Response, form?: FormState): Promise<void> {
  const editing = res.locals.scope as HotseatScope | undefined;
  const { actor, course } = editing ? { actor: editing.actor, course: editing.course } : member(res);
  if (editing) staffOnly(editing);
  else if (actor.membership?.role !== 'staff') throw forbidden('FORBIDDEN', 'errors.hotseatScheduleStaffOnly');
  const memberships = (await ctx.storage.memberships.listByCourse(course.id)).filter((m) => m.role === 'staff');
  const people = await ctx.storage.people.findByIds(memberships.map((m) => m.personId));
  const hosts = editing ? (await ctx.storage.hotseatHosts.listByHotseat(editing.hotseat.id)).map((h) => h.personId) : [actor.person.id];
  const chosenHosts = form ? ((form.values.hostIds as string[] | undefined) ?? []) : hosts;
  res.render('pages/hotseat-form', {
    title: translate(requestLocale(req, res), editing ? 'hotseat.editPageTitle' : 'hotseat.newPageTitle', { course: course.title }),
    page: 'hotseat',
    course: courseView(course),
    editing: editing ? { url: `${hotseatListUrl(course.id)}/${editing.hotseat.id}`, title: editing.hotseat.title } : null,
    action: editing ? `${hotseatListUrl(course.id)}/${editing.hotseat.id}/edit` : hotseatListUrl(course.id),
    values: hotseatFormValues(form?.values ?? null, editing?.hotseat),
    staff: people.map((p) => ({ personId: p.id, name: displayName(p), checked: chosenHosts.includes(p.id) })),
    error: form?.error ?? null,
    csrfToken: req.session!.csrfToken,
  });
}

export function hotseatPages(ctx: CommandContext): Router {
  const router = Router();

  router.get('/c/:courseId/hotseat', (req, res) => res.redirect(302, hotseatListUrl(String(req.params.courseId))));

  router.get('/c/:courseId/hotseats', handle(async (req, res) => {
    const { actor, course } = member(res);
    const groups = groupHotseats(await listHotseats(ctx, actor, course));
    if (wantsJson(req)) {
      res.json({ ok: true, data: groups });
      return;
    }
    res.render('pages/hotseats', {
      title: translate(requestLocale(req, res), 'hotseat.listPageTitle', { course: course.title }), page: 'hotseat', course: courseView(course), groups,
      isEmpty: groups.live.length + groups.upcoming.length + groups.past.length + groups.drafts.length === 0,
      canSchedule: actor.membership.role === 'staff',
      newUrl: `${hotseatListUrl(course.id)}/new`,
      csrfToken: req.session!.csrfToken, liveCourseId: course.id,
    });
  }));

  router.get('/c/:courseId/hotseats/new', handle((req, res) => renderHotseatForm(ctx, req, res)));
  router.get('/c/:courseId/hotseats/:hotseatId', handle((req, res) => renderHotseat(ctx, req, res)));
  router.get('/c/:courseId/hotseats/:hotseatId/edit', handle((req, res) => renderHotseatForm(ctx, req, res)));
  return router;
}
