import type { Community, Prompt, PromptTarget } from '../../domain/alumni';
import { badRequest, forbidden, notFound } from '../../domain/errors';
import { newId, type Id } from '../../domain/ids';
import { isActiveMember } from '../../domain/membership';
import type { Actor } from '../../policies/can';
import { authorize } from '../authorize';
import type { CommandContext } from '../context';
import { announce } from '../discussion/support';
import { checkBody, checkTitle } from '../discussion/post-rules';
import { namedThread, writeThread } from './post-thread';

/**
 * Prompts keep a community alive: staff (or mentors they designated) schedule a question that
 * Agora posts by itself at the set time, once or every week, into the alumni space or (staff only)
 * a linked course's room, authored by whoever scheduled it. Each occurrence is claimed in the same
 * transaction that writes its thread, so it is posted exactly once, across processes and restarts.
 */
const DAY_MS = 24 * 3600 * 1000;

export interface PromptInput {
  title: string;
  body: string;
  target: PromptTarget;
  /** For target 'course': the linked course whose room receives it. */
  courseId?: string;
  postAt: Date;
  repeatWeekly: boolean;
}

export async function schedulePrompt(ctx: CommandContext, actor: Actor, community: Community, input: PromptInput): Promise<Prompt> {
  authorize(actor, 'alumni.prompt', { courseId: community.spaceCourseId });
  const title = checkTitle(input.title);
  const body = checkBody(input.body, 'thread');
  const now = ctx.now();
  if (Number.isNaN(input.postAt.getTime())) throw badRequest('PROMPT_TIME_INVALID', 'errors.promptTimeInvalid');
  if (input.postAt.getTime() < now.getTime() - 60_000) throw badRequest('PROMPT_TIME_PAST', 'errors.promptTimePast');
  let courseId = community.spaceCourseId;
  if (input.target === 'course') {
    const linked = (await ctx.storage.alumniCourses.listByCommunity(community.id)).some((c) => c.courseId === input.courseId);
    const membership = input.courseId ? await ctx.storage.memberships.find(input.courseId, actor.person.id) : null;
    if (!input.courseId || !linked) throw badRequest('PROMPT_COURSE_INVALID', 'errors.promptCourseInvalid');
    if (!membership || !isActiveMember(membership) || membership.role !== 'staff') {
      throw forbidden('NOT_COURSE_STAFF', 'errors.promptNotCourseStaff');
    }
    courseId = input.courseId;
  }
  const prompt: Prompt = {
    id: newId(now.getTime()), communityId: community.id, target: input.target, courseId, authorId: actor.person.id, title, body,
    nextPostAt: input.postAt, repeatDays: input.repeatWeekly ? 7 : null, lastPostedAt: null, lastThreadId: null, createdAt: now, cancelledAt: null,
  };
  await ctx.storage.prompts.create(prompt);
  return prompt;
}

/** Staff, or the person who scheduled it, cancel a prompt's future occurrences. */
export async function cancelPrompt(ctx: CommandContext, actor: Actor, community: Community, promptId: Id): Promise<void> {
  const prompt = await ctx.storage.prompts.findById(promptId);
  if (!prompt || prompt.communityId !== community.id) throw notFound('PROMPT_NOT_FOUND', 'errors.promptNotFound');
  if (prompt.authorId !== actor.person.id) authorize(actor, 'alumni.manage', { courseId: community.spaceCourseId });
  await ctx.storage.prompts.cancel(prompt.id, ctx.now());
}

/** The next time after `now` in the prompt's rhythm; occurrences missed while Agora was down are skipped, not flooded. */
function nextOccurrence(prompt: Prompt, posted: Date, now: Date): Date | null {
  if (!prompt.repeatDays) return null;
  const step = prompt.repeatDays * DAY_MS;
  let next = posted.getTime() + step;
  if (next <= now.getTime()) next += Math.ceil((now.getTime() - next + 1) / step) * step;
  return new Date(next);
}

/** Posts one due occurrence; false when another process (or an earlier run) already posted it. */
export async function postPromptOccurrence(ctx: CommandContext, prompt: Prompt): Promise<boolean> {
  const due = prompt.nextPostAt;
  if (!due || prompt.cancelledAt) return false;
  const now = ctx.now();
  const thread = namedThread({ courseId: prompt.courseId, authorId: prompt.authorId, kind: 'discussion', title: prompt.title, body: prompt.body, now });
  const recorded = await ctx.storage.transaction(async (tx) => {
    if (!(await tx.prompts.claimOccurrence(prompt.id, due, nextOccurrence(prompt, due, now), { at: now, threadId: thread.id }))) return null;
    return writeThread(tx, thread, [], now);
  });
  if (!recorded) return false;
  announce(ctx, recorded);
  return true;
}

/** The scheduled part: every prompt due now. Returns how many it posted. */
export async function postDuePrompts(ctx: CommandContext, batch = 50): Promise<number> {
  let posted = 0;
  for (const prompt of await ctx.storage.prompts.listDue(ctx.now(), batch)) {
    if (await postPromptOccurrence(ctx, prompt)) posted += 1;
  }
  return posted;
}
