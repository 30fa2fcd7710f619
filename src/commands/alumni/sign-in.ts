import { createHash } from 'node:crypto';
import { ALUMNI_LIMITS, type SignInLink } from '../../domain/alumni';
import { badRequest, forbidden, unauthorized, type AppError } from '../../domain/errors';
import { newSecret, type Id } from '../../domain/ids';
import type { Person } from '../../domain/person';
import { resolveLocale } from '../../i18n/locales';
import { translator } from '../../i18n/translate';
import type { Mailer } from '../../mail/mailer';
import type { CommandContext } from '../context';

/**
 * Alumni reach their communities without any LMS through a sign-in link sent by email: only to
 * people whose email the LMS shared and who turned email sign-in on; the link is bound to the
 * person, works once, for 15 minutes, and only its hash is stored. The request form answers the
 * same whatever the address, so it never tells whether someone is known (its answer is the
 * catalog's "alumni.signInRequested").
 */
/** At most this many links per person per 15 minutes: a form cannot be used to flood someone's inbox. */
const LINKS_PER_WINDOW = 3;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** A person turns email sign-in on (with the address their LMS shared) or off. */
export async function setEmailSignIn(ctx: CommandContext, person: Person, enabled: boolean): Promise<void> {
  if (!enabled) {
    await ctx.storage.signIn.optOut(person.id);
    return;
  }
  if (!person.email) {
    throw badRequest('EMAIL_NOT_SHARED', 'errors.emailNotShared');
  }
  await ctx.storage.signIn.optIn({ personId: person.id, email: person.email, optedInAt: ctx.now() });
}

/**
 * Sends a link to every person who opted in with this address, is still given it by their LMS, and
 * is an alumnus somewhere. Returns the deliveries under way: the caller answers the browser without
 * waiting for them, so the answer takes as long for an unknown address as for a known one.
 */
export async function requestSignInLink(ctx: CommandContext, mailer: Mailer, input: { email: string; baseUrl: string }): Promise<Array<Promise<void>>> {
  const email = input.email.trim().toLowerCase();
  const now = ctx.now();
  const deliveries: Array<Promise<void>> = [];
  for (const consent of await ctx.storage.signIn.listOptInsByEmail(email)) {
    const person = await ctx.storage.people.findById(consent.personId);
    if (!person?.email || person.email.toLowerCase() !== email) continue;
    if ((await ctx.storage.alumni.listAllForPerson(person.id)).length === 0) continue;
    if (await ctx.storage.signIn.countLinksSince(person.id, new Date(now.getTime() - ALUMNI_LIMITS.signInLinkMs)) >= LINKS_PER_WINDOW) continue;
    const token = newSecret();
    await ctx.storage.signIn.createLink({
      tokenHash: hashOf(token), personId: person.id, createdAt: now, expiresAt: new Date(now.getTime() + ALUMNI_LIMITS.signInLinkMs), usedAt: null,
    });
    const url = `${input.baseUrl}/alumni/sign-in/${token}`;
    // In the language of the person's latest launch: the form's own request says nothing about them.
    const t = translator(resolveLocale(person.locale));
    deliveries.push(mailer.send({
      to: email,
      subject: t('alumni.emailSubject'),
      text: [t('alumni.emailGreeting'), '', t('alumni.emailOpenLink'), '', url, '', t('alumni.emailWorksOnce')].join('\n'),
    }));
  }
  return deliveries;
}

/** Whether a link can still be used, without using it (the confirmation page shows this). */
export async function checkSignInLink(ctx: CommandContext, token: string): Promise<void> {
  const refused = refusal(await ctx.storage.signIn.findLink(hashOf(token)), ctx.now());
  if (refused) throw refused;
}

/** Uses the link (once) and returns whom it signs in; refuses a used, expired, unknown or withdrawn one, saying which. */
export async function consumeSignInLink(ctx: CommandContext, token: string): Promise<Id> {
  const now = ctx.now();
  const link = await ctx.storage.signIn.consumeLink(hashOf(token), now);
  if (!link) throw refusal(await ctx.storage.signIn.findLink(hashOf(token)), now) ?? USED();
  // Consent withdrawn after the link was sent: the link dies with it.
  const consent = await ctx.storage.signIn.findOptIn(link.personId);
  if (!consent) throw forbidden('SIGN_IN_LINK_WITHDRAWN', 'errors.signInLinkWithdrawn');
  return link.personId;
}

const USED = () => unauthorized('SIGN_IN_LINK_USED', 'errors.signInLinkUsed');

/** Why a link cannot be used, or null when it can. */
function refusal(link: SignInLink | null, now: Date): AppError | null {
  if (!link) {
    return unauthorized('SIGN_IN_LINK_UNKNOWN', 'errors.signInLinkUnknown');
  }
  if (link.usedAt) return USED();
  if (link.expiresAt.getTime() <= now.getTime()) return unauthorized('SIGN_IN_LINK_EXPIRED', 'errors.signInLinkExpired');
  return null;
}
