import type { Request, Response } from 'express';
import { z } from 'zod';
import { AppError, badRequest, forbidden } from '../domain/errors';
import { newSecret } from '../domain/ids';
import type { CourseRole } from '../domain/membership';
import type { Storage } from '../storage/ports';
import { launchContextFromClaims, type LaunchContext } from './launch-context';
import { readLaunchForm, stateExpired, verifyLaunch, type LaunchForm, type LaunchGuardDeps, type VerifiedLaunch } from './launch-guard';
import { findLoginTicket, loginUrlFor, matchesPlatformStorageValue, platformStorageKey, type LoginTicketData } from './login-ticket';
import { pageLanguage } from './page-language';

/**
 * The launch post, from the browser binding to the answer:
 * 1. The state cookie came back: verify the launch (launch-guard.ts) and open Agora.
 * 2. No cookie, but the login used LTI platform storage: answer a page whose script reads the value
 *    the login stored in the LMS's storage and sends it, with the launch, to `completeFromStorage`.
 *    Only a script on Agora's own origin can make that request (same-origin JSON, Origin checked),
 *    and only the browser that started the login holds the value, so a launch posted from
 *    elsewhere cannot complete. If Agora's session cookie is blocked as well, the page offers a
 *    one-time link that opens the launched page in a new window.
 * 3. Neither: the browser blocks cookies in the LMS frame and the LMS offers no storage. Answer a
 *    page that explains, with a link that starts the same login in a new window.
 */
export interface LaunchOutcome {
  courseId: string;
  personId: string;
  role: CourseRole;
  /** Where the browser goes next (an Agora path). */
  location: string;
}

/** Records the launch and signs the browser in; returns where to go, or nothing when it answered itself. */
export type LaunchHandler = (launch: LaunchContext, req: Request, res: Response) => Promise<LaunchOutcome | void>;

export interface LaunchFlowDeps extends LaunchGuardDeps {
  storage: Storage;
  publicUrl: string;
  secret: string;
  onLaunch: LaunchHandler;
  /** Work after a launch was recorded (roster sync, service endpoints); must not throw. */
  afterLaunch: (launch: LaunchContext, outcome: LaunchOutcome) => Promise<void>;
}

/** A verified launch waiting to be opened in a new window. */
export const HANDOFF_LIFETIME_MS = 2 * 60 * 1000;
export const HandoffData = z.object({ personId: z.string(), location: z.string().startsWith('/') });

export function launchFlow(deps: LaunchFlowDeps) {
  const ourOrigin = new URL(deps.publicUrl).origin;

  async function finish(verified: VerifiedLaunch, req: Request, res: Response): Promise<LaunchOutcome | null> {
    const launch = launchContextFromClaims(verified.claims, verified.state.clientId);
    const outcome = await deps.onLaunch(launch, req, res);
    if (!outcome) {
      if (!res.headersSent) throw new Error('the launch handler neither answered nor said where the launch lands');
      return null;
    }
    await deps.afterLaunch(launch, outcome);
    return outcome;
  }

  /** POST /lti/launch and /lti/deep-link. */
  async function launch(req: Request, res: Response): Promise<void> {
    const form = readLaunchForm(req.body);
    const cookieIssuer = (req.signedCookies as Record<string, unknown> | undefined)?.[`state${form.state}`];
    if (typeof cookieIssuer === 'string') {
      res.clearCookie(`state${form.state}`);
      const verified = await verifyLaunch(deps, form);
      if (verified.state.issuer !== cookieIssuer) throw new AppError('LTI_LAUNCH_REFUSED', 401, 'errors.ltiOtherLms');
      await deps.storage.ltiTickets.take('login', form.state, deps.now());
      const outcome = await finish(verified, req, res);
      // 303: the browser follows with a GET, so a reload never re-posts the launch.
      if (outcome) res.redirect(303, outcome.location);
      return;
    }

    const login = await findLoginTicket(deps.storage, form.state, deps.now());
    if (login?.storageTarget) {
      res.set('Cache-Control', 'no-store');
      const { locale, t } = pageLanguage(req);
      res.render('pages/lti-storage-launch', {
        locale,
        title: t('lti.openingTitle'),
        storage: {
          target: login.storageTarget,
          origin: login.platformOrigin,
          key: platformStorageKey(form.state),
          state: form.state,
          idToken: form.id_token,
          complete: `${req.baseUrl}/launch/storage`,
          session: '/launch/session',
        },
        newWindowUrl: loginUrlFor(deps.publicUrl, login),
      });
      return;
    }
    // The state can never complete now: consume it, and say why in words.
    if (!(await deps.storage.launchStates.consume(form.state, deps.now()))) throw stateExpired();
    await deps.storage.ltiTickets.take('login', form.state, deps.now());
    blocked(req, res, login);
  }

  function blocked(req: Request, res: Response, login: LoginTicketData | null): void {
    const { locale, t } = pageLanguage(req);
    res.status(401);
    res.set('Cache-Control', 'no-store');
    res.render('pages/lti-cookies-blocked', {
      locale,
      title: t('lti.cookiesBlockedTitle'),
      message: t('lti.cookieNotSentBack'),
      newWindowUrl: login ? loginUrlFor(deps.publicUrl, login) : null,
      code: 'LTI_COOKIE_BLOCKED',
    });
  }

  const StorageCompletion = z.object({
    id_token: z.string().min(1),
    state: z.string().min(1),
    value: z.string().max(200).nullable(),
  });

  /** POST /lti/launch/storage: the launch page's script, with what it read from platform storage. */
  async function completeFromStorage(req: Request, res: Response): Promise<void> {
    // Only Agora's own pages may complete a launch this way: a cross-site page cannot set this
    // Origin, and cannot send JSON here without a CORS preflight Agora never grants.
    if (req.get('origin') !== ourOrigin || !req.is('application/json')) {
      throw forbidden('LTI_STORAGE_ORIGIN', 'errors.ltiStorageOrigin');
    }
    const body = StorageCompletion.safeParse(req.body);
    if (!body.success) throw badRequest('LTI_LAUNCH_INVALID', 'errors.ltiLaunchIncomplete');
    const { state, value } = body.data;
    const login = await deps.storage.ltiTickets.take('login', state, deps.now());
    if (!login || value === null || !matchesPlatformStorageValue(deps.secret, state, value)) {
      await deps.storage.launchStates.consume(state, deps.now());
      throw new AppError('LTI_STORAGE_MISMATCH', 401, 'errors.ltiStorageMismatch');
    }
    const form: LaunchForm = { id_token: body.data.id_token, state };
    const outcome = await finish(await verifyLaunch(deps, form), req, res);
    if (!outcome) return;
    const code = newSecret();
    const now = deps.now();
    await deps.storage.ltiTickets.create({
      kind: 'handoff', id: code, data: { personId: outcome.personId, location: outcome.location },
      createdAt: now, expiresAt: new Date(now.getTime() + HANDOFF_LIFETIME_MS),
    });
    res.set('Cache-Control', 'no-store');
    res.json({ ok: true, data: { location: outcome.location, newWindowUrl: `/launch/new-window/${code}` } });
  }

  return { launch, completeFromStorage };
}
