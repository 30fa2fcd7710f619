import type { CommandContext } from '../context';
import { graduateDueCourses } from './graduation';
import { postDuePrompts } from './prompts';

/** Used and expired sign-in links are kept this long, so a late click hears why it fails. */
const KEEP_SPENT_LINKS_MS = 24 * 3600 * 1000;

/**
 * The alumni space's scheduled work, run on a timer by agora.ts and directly by tests (with their
 * own clock): graduate courses whose end date passed, post due prompts, forget old sign-in links.
 * All state lives in the store, so a restart resumes exactly where it stopped.
 */
export async function runAlumniJobs(ctx: CommandContext): Promise<{ graduated: number; prompts: number }> {
  const graduated = await graduateDueCourses(ctx);
  const prompts = await postDuePrompts(ctx);
  await ctx.storage.signIn.deleteLinksExpiredBefore(new Date(ctx.now().getTime() - KEEP_SPENT_LINKS_MS));
  return { graduated, prompts };
}
