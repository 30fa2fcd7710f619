import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import { askAlumni } from '../../../commands/alumni/ask';
import { updateCommunitySettings } from '../../../commands/alumni/communities';
import {
  deleteProfile, leaveCommunity, loadProfilePage, ownProfile, saveProfile, searchDirectory, setMentor,
} from '../../../commands/alumni/profiles';
import { cancelPrompt, schedulePrompt } from '../../../commands/alumni/prompts';
import { loadSpaceHome } from '../../../commands/alumni/read';
import { setEmailSignIn } from '../../../commands/alumni/sign-in';
import type { CommandContext } from '../../../commands/context';
import {
  communityUrl, presentDirectoryEntry, presentManage, presentProfileForm, presentProfilePage, presentSpaceHome, spaceHeader,
} from '../../../presenters/alumni';
import { threadUrl } from '../../../presenters/discussion';
import { translator } from '../../../i18n/translate';
import { handle } from '../../async-handler';
import { requestLocale } from '../../middleware/locale';
import { validate } from '../../middleware/validate';
import { respond } from '../discussion/respond';
import { communityMember, requireCommunityMember } from './community-member';
import { orReshow } from './reshow';
import { AskBody, EmailSignInBody, MentorBody, PeopleQuery, ProfileBody, PromptBody, SettingsBody } from './schema';

/**
 * The community's own pages under its stable URL /alumni/:communityId: the space (recent
 * conversation, "Ask alumni", cohorts, the staff view with the quiet indicator and prompts), the
 * people directory, profiles, and leaving. Its discussion is the ordinary room of its space course.
 */
export function alumniSpacePages(ctx: CommandContext): Router {
  const router = Router();
  router.use('/alumni/:communityId', requireCommunityMember(ctx));

  const base = (req: Request, res: Response) => {
    const { community, unreadCount } = communityMember(res);
    return { course: spaceHeader(community, translator(requestLocale(req, res))), page: 'alumni', unreadCount, csrfToken: req.session!.csrfToken, communityUrl: communityUrl(community.id) };
  };

  async function renderHome(req: Request, res: Response, form: { error?: string; values?: Record<string, unknown>; form?: string } = {}): Promise<void> {
    const { actor, community } = communityMember(res);
    const home = presentSpaceHome(await loadSpaceHome(ctx, actor, community), actor);
    res.render('pages/alumni-space', {
      ...base(req, res), title: community.name, home, manage: home.viewer.isStaff ? presentManage(community) : null,
      error: form.error ?? null, errorForm: form.form ?? null, values: form.values ?? {},
      liveCourseId: community.spaceCourseId, lastSeq: await ctx.storage.events.latestSeq(community.spaceCourseId),
    });
  }

  router.get('/alumni/:communityId', handle((req, res) => renderHome(req, res)));

  router.post('/alumni/:communityId/ask', validate('body', AskBody), handle(async (req, res) => {
    const { actor, community } = communityMember(res);
    const input = req.body as z.infer<typeof AskBody>;
    await orReshow(req, res, async () => {
      const { thread, notified } = await askAlumni(ctx, actor, community, input);
      respond(req, res, { redirect: threadUrl(thread.courseId, thread.id), status: 201, data: { thread: { id: thread.id, url: threadUrl(thread.courseId, thread.id) }, notified } });
    }, (error) => renderHome(req, res, { error, values: { ...input, tags: input.tags.join(', ') }, form: 'ask' }));
  }));

  router.get('/alumni/:communityId/people', handle(async (req, res) => {
    const { community } = communityMember(res);
    const query = PeopleQuery.parse(req.query);
    const people = await searchDirectory(ctx, community, query);
    res.render('pages/alumni-people', {
      ...base(req, res), title: translator(requestLocale(req, res))('alumni.peoplePageTitle', { community: community.name }), q: query.q, tag: query.tag, searched: Boolean(query.q || query.tag),
      people: people.map((entry) => presentDirectoryEntry(community.id, entry)),
    });
  }));

  router.get('/alumni/:communityId/people/:personId', handle(async (req, res) => {
    const { actor, community } = communityMember(res);
    const profile = presentProfilePage(community, await loadProfilePage(ctx, actor, community, String(req.params.personId)));
    res.render('pages/alumni-profile', { ...base(req, res), title: `${profile.name} · ${community.name}`, profile, isStaff: actor.membership.role === 'staff' });
  }));

  async function renderProfileForm(req: Request, res: Response, form: { error?: string; values?: Record<string, unknown> } = {}): Promise<void> {
    const { actor, community } = communityMember(res);
    const own = await ownProfile(ctx, actor, community);
    const values = form.values ? { ...presentProfileForm(own.profile, []), ...form.values } : presentProfileForm(own.profile, []);
    const consent = await ctx.storage.signIn.findOptIn(actor.person.id);
    res.render('pages/alumni-profile-edit', {
      ...base(req, res), title: translator(requestLocale(req, res))('alumni.profileEditPageTitle', { community: community.name }), form: values, saved: own.saved, cohorts: own.cohorts.map((c) => c.cohortLabel).join(', '),
      emailSignIn: consent ? { email: consent.email } : null, lmsEmail: actor.person.email, error: form.error ?? null,
    });
  }

  router.get('/alumni/:communityId/profile', handle((req, res) => renderProfileForm(req, res)));

  router.post('/alumni/:communityId/profile', validate('body', ProfileBody), handle(async (req, res) => {
    const { actor, community } = communityMember(res);
    const input = req.body as z.infer<typeof ProfileBody>;
    await orReshow(req, res, async () => {
      const profile = await saveProfile(ctx, actor, community, input);
      respond(req, res, { redirect: `/alumni/${community.id}/profile`, data: { profile: { visible: profile.visible, displayName: profile.displayName, tags: profile.tags } } });
    }, (error) => renderProfileForm(req, res, { error, values: { ...input, tags: input.tags.join(', ') } }));
  }));

  router.post('/alumni/:communityId/profile/delete', handle(async (req, res) => {
    const { actor, community } = communityMember(res);
    await deleteProfile(ctx, actor, community);
    respond(req, res, { redirect: communityUrl(community.id) });
  }));

  router.post('/alumni/:communityId/email-sign-in', validate('body', EmailSignInBody), handle(async (req, res) => {
    const { actor, community } = communityMember(res);
    const { enabled } = req.body as z.infer<typeof EmailSignInBody>;
    await orReshow(req, res, async () => {
      await setEmailSignIn(ctx, actor.person, enabled);
      respond(req, res, { redirect: `/alumni/${community.id}/profile`, data: { enabled } });
    }, (error) => renderProfileForm(req, res, { error }));
  }));

  router.post('/alumni/:communityId/leave', handle(async (req, res) => {
    const { actor, community } = communityMember(res);
    await leaveCommunity(ctx, actor, community);
    respond(req, res, { redirect: '/alumni' });
  }));

  router.post('/alumni/:communityId/settings', validate('body', SettingsBody), handle(async (req, res) => {
    const { actor, community } = communityMember(res);
    const input = req.body as z.infer<typeof SettingsBody>;
    await orReshow(req, res, async () => {
      const updated = await updateCommunitySettings(ctx, actor, community, input);
      respond(req, res, { redirect: communityUrl(community.id), data: { learnerAccess: updated.learnerAccess, quietDays: updated.quietDays, name: updated.name } });
    }, (error) => renderHome(req, res, { error, form: 'settings' }));
  }));

  router.post('/alumni/:communityId/prompts', validate('body', PromptBody), handle(async (req, res) => {
    const { actor, community } = communityMember(res);
    const input = req.body as z.infer<typeof PromptBody>;
    await orReshow(req, res, async () => {
      const prompt = await schedulePrompt(ctx, actor, community, input);
      respond(req, res, { redirect: communityUrl(community.id), status: 201, data: { prompt: { id: prompt.id, nextPostAt: prompt.nextPostAt?.toISOString() ?? null } } });
    }, (error) => renderHome(req, res, { error, form: 'prompt', values: { title: input.title, body: input.body } }));
  }));

  router.post('/alumni/:communityId/prompts/:promptId/cancel', handle(async (req, res) => {
    const { actor, community } = communityMember(res);
    await cancelPrompt(ctx, actor, community, String(req.params.promptId));
    respond(req, res, { redirect: communityUrl(community.id) });
  }));

  router.post('/alumni/:communityId/mentors', validate('body', MentorBody), handle(async (req, res) => {
    const { actor, community } = communityMember(res);
    const input = req.body as z.infer<typeof MentorBody>;
    await setMentor(ctx, actor, community, input);
    respond(req, res, { redirect: `/alumni/${community.id}/people/${input.personId}`, data: { mentor: input.mentor } });
  }));

  return router;
}
