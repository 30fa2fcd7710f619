import type { Logger } from 'pino';
import { courseScores, type LearnerScore } from '../../commands/grades/participation';
import type { GradePusher, PushOutcome } from '../../commands/grades/push';
import type { Course } from '../../domain/course';
import { PUSH_RETRY, retryDelayMs, type ParticipationGrading } from '../../domain/participation';
import { displayName } from '../../domain/person';
import { storeMessage } from '../../i18n/stored-message';
import { resolveLocale } from '../../i18n/locales';
import { translate, type NestedMessage } from '../../i18n/translate';
import type { CourseGrading } from '../../storage/grades-ports';
import type { Storage } from '../../storage/ports';
import type { ServiceTokens } from './access-tokens';
import { createLineItem, findLineItem, lineItemExists, sendScore } from './assignment-grades';
import { GRADE_SERVICE_PROBLEMS, planGradeService, type LineItemPlan } from './grade-plan';
import { ServiceError } from './http';

/**
 * Sends participation scores to the LMS (Assignment and Grade Services), course by course:
 * - a scheduled tick pushes every course with grading on whose scores may have changed: a course
 *   event newer than the last complete push, or a request from staff (saved rubric, "Push now").
 *   Both are read from the store, so pending work survives restarts and several processes;
 * - only scores that differ from the last one sent go out;
 * - it uses the stored service URLs and a client-credentials token, never a launch, so it works
 *   weeks after anyone last opened Agora;
 * - a failed push is recorded in one sentence (stored as a catalog key with parameters, so staff
 *   read it in their language) and retried with exponential backoff (PUSH_RETRY in
 *   domain/participation.ts), then it waits for staff. A problem only staff can fix (no grade
 *   service, a missing permission) is not retried: the staff page says what to do.
 */
/** How long one push may hold its claim before another process may take over. */
const CLAIM_MS = 10 * 60 * 1000;

/** A problem retrying cannot solve. */
class GradeSetupError extends ServiceError {}

export class GradePush implements GradePusher {
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly storage: Storage,
    private readonly tokens: ServiceTokens,
    private readonly logger: Logger,
    private readonly now: () => Date,
  ) {}

  /** Pushes the course now unless grading is off or a push of it is already running. */
  pushCourse(courseId: string): Promise<PushOutcome> {
    return this.track(this.push(courseId));
  }

  /**
   * The scheduler's tick: looks at every course with grading on, page by page, and pushes those
   * whose scores may have changed; returns how many it pushed.
   */
  async pushDue(pageSize = 200): Promise<number> {
    let pushed = 0;
    let after: string | null = null;
    for (;;) {
      const candidates = await this.storage.participationGrades.listPushCandidates(this.now(), { after, limit: pageSize });
      for (const candidate of candidates) {
        const changed = candidate.requestedAt !== null || (await this.storage.events.latestSeq(candidate.courseId)) > candidate.seenSeq;
        if (changed && (await this.pushCourse(candidate.courseId)).status !== 'skipped') pushed += 1;
      }
      if (candidates.length < pageSize) return pushed;
      after = candidates[candidates.length - 1]!.courseId;
    }
  }

  /** Resolves when every push started so far has ended (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private track<T>(work: Promise<T>): Promise<T> {
    const tracked = work.finally(() => this.running.delete(tracked));
    this.running.add(tracked);
    return tracked;
  }

  private async push(courseId: string): Promise<PushOutcome> {
    const grading = await this.storage.participationGrades.get(courseId);
    const course = await this.storage.courses.findById(courseId);
    if (!grading.settings.enabled || !course) return { status: 'skipped', reason: 'disabled' };
    const startedAt = this.now();
    if (!(await this.storage.participationGrades.claimPush(courseId, startedAt, new Date(startedAt.getTime() + CLAIM_MS)))) {
      return { status: 'skipped', reason: 'already-running' };
    }
    try {
      const sent = await this.send(course, grading, startedAt);
      return { status: 'pushed', sent };
    } catch (error) {
      const problem: NestedMessage = error instanceof ServiceError ? error.toMessage() : { key: 'ltiServices.gradePushInternalError' };
      if (!(error instanceof ServiceError)) this.logger.error({ err: error, courseId }, 'participation grade push failed');
      const failures = grading.push.failedAttempts + 1;
      const nextAttemptAt = error instanceof GradeSetupError || failures >= PUSH_RETRY.maxAttempts ? null : new Date(this.now().getTime() + retryDelayMs(failures));
      await this.storage.participationGrades.recordPushFailure(courseId, { at: this.now(), error: storeMessage(problem), nextAttemptAt });
      return { status: 'failed', error: problem, nextAttemptAt };
    }
  }

  /** Works out the scores, the line item and the token, and sends what changed. Returns how many were sent. */
  private async send(course: Course, grading: CourseGrading, startedAt: Date): Promise<number> {
    const seenSeq = await this.storage.events.latestSeq(course.id);
    const plan = planGradeService(await this.storage.ltiServices.find(course.id), grading.push);
    if (!plan.ok) throw new GradeSetupError(GRADE_SERVICE_PROBLEMS[plan.reason]);
    const token = () => this.tokens.token(plan.issuer, plan.clientId, plan.scopes);
    const lineItemUrl = plan.lineItem.kind === 'known' ? plan.lineItem.url : await this.chooseLineItem(course.id, plan.lineItem, await token(), grading.settings);

    const scores = await courseScores({ storage: this.storage, now: this.now }, course, grading.settings);
    const sentBefore = new Map((await this.storage.participationGrades.listPushedScores(course.id)).map((s) => [s.personId, s]));
    const due = scores.filter(({ person, score }) => {
      const before = sentBefore.get(person.id);
      return !before || before.scoreGiven !== score.scoreGiven || before.scoreMaximum !== score.scoreMaximum;
    });

    let sent = 0;
    const refused: string[] = [];
    let refusal: NestedMessage | null = null;
    try {
      const bearer = due.length > 0 ? await token() : '';
      for (const learner of due) {
        try {
          await sendScore(lineItemUrl, bearer, this.scoreFor(learner, grading.settings));
        } catch (error) {
          if (!(error instanceof ServiceError) || !(await this.refusedOnlyThisScore(course.id, plan, lineItemUrl, bearer, error))) throw error;
          refused.push(displayName(learner.person));
          refusal ??= error.toMessage();
          continue;
        }
        await this.storage.participationGrades.recordPushedScore(course.id, {
          personId: learner.person.id, scoreGiven: learner.score.scoreGiven, scoreMaximum: learner.score.scoreMaximum, pushedAt: this.now(),
        });
        sent += 1;
      }
    } catch (error) {
      if (error instanceof ServiceError && due.length > 0) {
        throw new ServiceError('ltiServices.partlySent', { problem: error.toMessage(), count: sent, total: due.length }, error.status);
      }
      throw error;
    }
    if (refused.length > 0) {
      throw new ServiceError('ltiServices.scoresRefused', { names: refused.join(', '), problem: refusal, count: sent });
    }
    await this.storage.participationGrades.recordPushSuccess(course.id, { at: this.now(), startedAt, seenSeq, pushedCount: sent });
    return sent;
  }

  /**
   * After a score was refused: true when only that learner's score is at fault (the LMS does not
   * know them as a student of the course), so the others still go out. A refused token, a grade
   * column that disappeared, or a server error stop the push instead.
   */
  private async refusedOnlyThisScore(
    courseId: string, plan: { issuer: string; clientId: string; scopes: string[]; canReadLineItems: boolean },
    lineItemUrl: string, token: string, error: ServiceError,
  ): Promise<boolean> {
    if (error.status === 401 || error.status === 403) {
      this.tokens.forget(plan.issuer, plan.clientId, plan.scopes);
      return false;
    }
    if (error.status === 404 || error.status === 410) {
      // Without permission to read line items, a 404 on its scores can only mean the column is gone.
      if (plan.canReadLineItems && (await lineItemExists(lineItemUrl, token))) return true;
      await this.storage.participationGrades.setLineItem(courseId, null, null);
      throw new ServiceError('ltiServices.lineItemGone', {}, error.status);
    }
    return error.status === 400 || error.status === 409 || error.status === 422;
  }

  private async chooseLineItem(courseId: string, plan: Exclude<LineItemPlan, { kind: 'known' }>, token: string, settings: ParticipationGrading): Promise<string> {
    if (plan.kind === 'launch') {
      await this.storage.participationGrades.setLineItem(courseId, plan.url, 'launch');
      return plan.url;
    }
    const found = await findLineItem(plan.lineItemsUrl, token);
    if (found) {
      await this.storage.participationGrades.setLineItem(courseId, found.id, 'found');
      return found.id;
    }
    if (!plan.canCreate) {
      throw new GradeSetupError('ltiServices.cannotCreateLineItem');
    }
    const created = await createLineItem(plan.lineItemsUrl, token, { label: settings.label, scoreMaximum: settings.scoreMaximum });
    await this.storage.participationGrades.setLineItem(courseId, created.id, 'created');
    return created.id;
  }

  private scoreFor(learner: LearnerScore, settings: ParticipationGrading) {
    const { score } = learner;
    const active = score.weeks.some((week) => week.earned > 0);
    return {
      userId: learner.person.subject,
      scoreGiven: score.scoreGiven,
      scoreMaximum: score.scoreMaximum,
      activityProgress: active ? 'InProgress' as const : 'Initialized' as const,
      gradingProgress: 'FullyGraded' as const,
      timestamp: this.now(),
      comment: translate(resolveLocale(learner.person.locale), 'ltiServices.scoreComment', {
        total: score.total, weeks: { key: 'ltiServices.weeks', params: { count: score.weeks.length } }, cap: settings.weeklyCap, page: { key: 'grades.mineHeading' },
      }),
    };
  }
}
