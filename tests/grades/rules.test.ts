import { DEFAULT_RUBRIC, emptyWeek, retryDelayMs, scoreParticipation, weekStart, weeksBetween } from '../../src/domain/participation';
import { scoresUrl } from '../../src/lti/services/assignment-grades';

/** The arithmetic of the rubric, the weeks and the retries, on their own. */
describe('participation grade rules', () => {
  const week = (iso: string, counts: Partial<ReturnType<typeof emptyWeek>> = {}) => ({ ...emptyWeek(new Date(iso)), ...counts });

  it('starts weeks on Monday 00:00 UTC', () => {
    expect(weekStart(new Date('2026-03-01T23:59:59Z')).toISOString()).toBe('2026-02-23T00:00:00.000Z'); // a Sunday
    expect(weekStart(new Date('2026-03-02T00:00:00Z')).toISOString()).toBe('2026-03-02T00:00:00.000Z'); // a Monday
    expect(weeksBetween(new Date('2026-03-04T12:00:00Z'), new Date('2026-03-16T08:00:00Z')).map((d) => d.toISOString().slice(0, 10)))
      .toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
  });

  it('sums each week under its own cap, in exact hundredths', () => {
    const rubric = { ...DEFAULT_RUBRIC, pointsPerThread: 0.1, pointsPerReply: 0.2, weeklyCap: 0.5 };
    const score = scoreParticipation(rubric, [
      week('2026-03-02', { threads: 1, replies: 1 }), // 0.3
      week('2026-03-09', { threads: 3, replies: 2 }), // 0.7, capped at 0.5
    ]);
    expect(score.weeks.map((w) => [w.earned, w.counted, w.capped])).toEqual([[0.3, 0.3, false], [0.7, 0.5, true]]);
    expect(score.total).toBe(0.8);
    expect(score.counts).toEqual({ threads: 4, replies: 3, endorsedAnswers: 0, hotseatQuestions: 0 });
  });

  it('adds endorsed answers and hotseat questions, and stops the grade at the maximum', () => {
    const rubric = { ...DEFAULT_RUBRIC, weeklyCap: 100, scoreMaximum: 10 };
    const score = scoreParticipation(rubric, [week('2026-03-02', { replies: 2, endorsedAnswers: 2, hotseatQuestions: 1 })]);
    expect(score).toMatchObject({ total: 9, scoreGiven: 9, reachedMaximum: false });
    const more = scoreParticipation(rubric, [week('2026-03-02', { threads: 6 })]);
    expect(more).toMatchObject({ total: 12, scoreGiven: 10, scoreMaximum: 10, reachedMaximum: true });
  });

  it('waits 5 minutes after the first failure, then twice as long each time', () => {
    expect([1, 2, 3, 8].map((n) => retryDelayMs(n) / 60_000)).toEqual([5, 10, 20, 640]);
  });

  it('adds /scores to a line item\'s path, keeping its query string', () => {
    expect(scoresUrl('https://moodle.example/mod/lti/services.php/2/lineitems/7/lineitem?type_id=3'))
      .toBe('https://moodle.example/mod/lti/services.php/2/lineitems/7/lineitem/scores?type_id=3');
    expect(scoresUrl('https://canvas.example/api/lti/courses/1/line_items/9/')).toBe('https://canvas.example/api/lti/courses/1/line_items/9/scores');
  });
});
