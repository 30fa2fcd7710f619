import { signUnsubscribeToken, unsubscribePath } from '../auth/unsubscribe-links';
import type { CommandContext } from '../commands/context';
import type { DigestContent } from '../commands/digest/content';
import { createDigestJob, logDigestRun, type DigestJob } from '../commands/digest/job';
import type { Config } from '../config';
import { presentDigest } from '../presenters/digest';
import type { Templates } from '../rendering/templates';
import { composeDigestEmail } from './digest-email';
import type { Mailer } from './mailer';

export { DIGEST_TICK_MS } from '../commands/digest/job';

export interface DigestMailDeps {
  mailer: Pick<Mailer, 'send'>;
  templates: Pick<Templates, 'renderPartial'>;
  config: Pick<Config, 'publicUrl' | 'secret'>;
  now: () => Date;
}

/** Presents, writes and sends one digest, with a fresh signed unsubscribe link for its recipient. */
export function digestSender(deps: DigestMailDeps): (content: DigestContent) => Promise<void> {
  return async (content) => {
    const token = signUnsubscribeToken(deps.config.secret, content.person.id, deps.now());
    const view = presentDigest(content, { publicUrl: deps.config.publicUrl, unsubscribeUrl: `${deps.config.publicUrl}${unsubscribePath(token)}` });
    await deps.mailer.send(await composeDigestEmail(view, deps.templates));
  };
}

/** The digest job wired to the mailer (agora.ts runs the returned function every DIGEST_TICK_MS). */
export function digestTick(ctx: CommandContext, deps: Omit<DigestMailDeps, 'now'> & { logger: Parameters<typeof logDigestRun>[0] }): () => Promise<void> {
  const job: DigestJob = createDigestJob({ ctx, send: digestSender({ ...deps, now: ctx.now }) });
  return async () => logDigestRun(deps.logger, await job.run());
}
