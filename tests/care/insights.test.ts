import { cohortTrends } from '../../src/commands/care/insights';
import type { Anonymity, Reply, Thread, ThreadKind } from '../../src/domain/discussion';
import { newId } from '../../src/domain/ids';
import { VIEWS_DIR } from '../../src/paths';
import { presentCohortTrends } from '../../src/presenters/insights';
import { createTemplates } from '../../src/rendering/templates';
import { launchIntoCourse, newBrowser } from '../support/launch';
import { act } from '../support/room';
import { ROLE } from '../support/test-platform';
import { DAY, HOUR, mondayOf, personIdOf, startCareFixture, WEEK, type CareFixture } from './support';

/**
 * Instructor insights computed from a seeded course: posts and votes placed at known times in the
 * past twelve weeks, written straight into the store (a test cannot wait weeks), then read back
 * through the staff page like an instructor would.
 */
describe('instructor insights', () => {
  let f: CareFixture;
  let now: Date;
  const seeded = { threads: [] as Date[], replies: [] as Date[], votes: [] as Date[] };
  const page = () => f.grace.get(`/c/${f.courseId}/care/insights`);
  const figures = async () => (await page().set('Accept', 'application/json')).body.data;

  async function thread(authorSubject: string, ago: number, options: { kind?: ThreadKind; anonymity?: Anonymity } = {}): Promise<Thread> {
    const createdAt = new Date(now.getTime() - ago);
    const t: Thread = {
      id: newId(createdAt.getTime()), courseId: f.courseId, authorId: await personIdOf(f, authorSubject), kind: options.kind ?? 'question',
      anonymity: options.anonymity ?? 'named', title: 'Seeded', bodySource: 'x', bodyHtml: '<p>x</p>', tagIds: [], replyCount: 0, answerCount: 0,
      voteCount: 0, pinned: false, locked: false, hidden: false, acceptedReplyId: null, endorsedAnswerCount: 0,
      createdAt, editedAt: null, deletedAt: null, lastActivityAt: createdAt,
    };
    await f.agora.storage.threads.create(t);
    seeded.threads.push(createdAt);
    return t;
  }
  async function reply(to: Thread, authorSubject: string, after: number, anonymity: Anonymity = 'named'): Promise<Reply> {
    const createdAt = new Date(to.createdAt.getTime() + after);
    const r: Reply = {
      id: newId(createdAt.getTime()), courseId: f.courseId, threadId: to.id, parentId: null, authorId: await personIdOf(f, authorSubject),
      anonymity, bodySource: 'y', bodyHtml: '<p>y</p>', voteCount: 0, hidden: false, endorsedBy: null, endorsedAt: null,
      createdAt, editedAt: null, deletedAt: null,
    };
    await f.agora.storage.replies.create(r);
    await f.agora.storage.threads.increment(f.courseId, to.id, { replyCount: 1, answerCount: 1 }, createdAt);
    seeded.replies.push(createdAt);
    return r;
  }
  async function vote(on: Thread, voterSubject: string, ago: number): Promise<void> {
    const at = new Date(now.getTime() - ago);
    await f.agora.storage.votes.toggle({ courseId: f.courseId, postKind: 'thread', postId: on.id, personId: await personIdOf(f, voterSubject), at });
    seeded.votes.push(at);
  }
  /** Each week's count, oldest first, the current week last: computed from what the test seeded. */
  function perWeek(dates: Date[]): number[] {
    const counts = Array.from({ length: 12 }, () => 0);
    for (const date of dates) {
      const index = 11 - Math.round((mondayOf(now) - mondayOf(date)) / WEEK);
      if (index >= 0 && index < 12) counts[index] = counts[index]! + 1;
    }
    return counts;
  }

  beforeAll(async () => {
    f = await startCareFixture();
    const dee = newBrowser(f.agora.url);
    await launchIntoCourse(dee, f.platform, f.agora.url, f.platform.claims({ sub: 'dee', name: 'Dee Silent', roles: [ROLE.learner] }));
    now = f.now();
    // Answered after 2 hours, 30 minutes and 10 hours (the last anonymously: times name nobody); one never.
    const q1 = await thread('ada', 70 * DAY);
    await reply(q1, 'bo', 2 * HOUR);
    const q2 = await thread('bo', 30 * DAY);
    await reply(q2, 'cy', 30 * 60_000);
    const q3 = await thread('ada', 20 * DAY);
    await reply(q3, 'ada', 60_000);
    await reply(q3, 'cy', 10 * HOUR, 'everyone');
    await thread('ada', 9 * DAY);
    await thread('ada', 13 * WEEK);
    // Recent: Ada posts, Bo votes, Cy only writes anonymously to everyone; Dee never takes part.
    const recent = await thread('ada', 2 * DAY, { kind: 'discussion' });
    await vote(recent, 'bo', 2 * DAY - HOUR);
    await vote(q1, 'ada', 7 * WEEK);
    await thread('cy', 26 * HOUR, { kind: 'discussion', anonymity: 'everyone' });
  });
  afterAll(() => f.close());

  it('counts threads, replies and votes per week over the last twelve weeks', async () => {
    const data = await figures();
    expect(data.table).toHaveLength(12);
    expect(data.table.map((w: { threads: number }) => w.threads)).toEqual(perWeek(seeded.threads));
    expect(data.table.map((w: { replies: number }) => w.replies)).toEqual(perWeek(seeded.replies));
    expect(data.table.map((w: { votes: number }) => w.votes)).toEqual(perWeek(seeded.votes));
    // The thread thirteen weeks old is outside the window.
    expect(data.table.reduce((sum: number, w: { threads: number }) => sum + w.threads, 0)).toBe(seeded.threads.length - 1);
    expect(data.table[11].current).toBe(true);
  });

  it('tells active from silent learners, leaving out posts anonymous to everyone', async () => {
    const { learners } = await figures();
    expect(learners).toMatchObject({ total: 4, active: 2, silent: 2, neverParticipated: 1 });
    expect(learners.activeNames).toEqual(['Ada Lovelace', 'Bo Diddley']);
    expect(learners.silentNames).toEqual(['Cy Young', 'Dee Silent']);
  });

  it('gives the median time to a first answer by someone other than the asker', async () => {
    const { firstAnswer } = await figures();
    expect(firstAnswer).toEqual({ median: '2 hours', answered: 3, withoutAnswer: 1 });
  });

  it('warns staff when the community has gone quiet, after the course\'s own number of days', async () => {
    expect((await figures()).quietWarning).toBeNull();
    await act(f.grace, f.courseId, `/c/${f.courseId}/care/settings`, { answerTargetHours: 24, quietDays: 1, retentionDays: 90 });
    expect((await figures()).quietWarning).toMatch(/gone quiet: no new thread or reply for 1 day \(you asked to be warned after 1 day\)/);
    await act(f.grace, f.courseId, `/c/${f.courseId}/care/settings`, { answerTargetHours: 24, quietDays: 7, retentionDays: 90 });
  });

  it('draws each chart as SVG with a title and a description, beside a data table, for staff only', async () => {
    const html = (await page()).text;
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart"');
    expect(html).toContain('<title id="chart-replies-title">Replies per week</title>');
    expect(html).toMatch(/<desc id="chart-replies-desc">\d+ replies over 12 weeks/);
    expect(html).toContain('<caption>Participation per week, as numbers</caption>');
    expect(html).toContain('Dee Silent');
    // No inline script runs (CSP): scripts come from files; a JSON data block is not executed.
    expect(html).not.toMatch(/<script(?![^>]*(src=|type="application\/json"))/);
    expect((await f.ada.get(`/c/${f.courseId}/care/insights`)).status).toBe(403);
  });

  it('shows trends across cohorts without naming anyone', async () => {
    const biology = (await f.agora.storage.courses.findById(f.courseId))!;
    const chemistry = (await f.agora.storage.courses.findById(f.otherCourseId))!;
    const view = presentCohortTrends(await cohortTrends(f.agora.ctx, [biology, chemistry]));
    expect(view.cohorts.map((c) => c.title)).toEqual([biology.title, chemistry.title]);
    expect(view.cohorts[0]).toMatchObject({ learners: 4, participatingLearners: 3 });
    expect(view.cohorts[1]).toMatchObject({ learners: 1, participatingLearners: 0 });
    const html = await createTemplates(VIEWS_DIR).renderPartial('insights-cohorts', view);
    expect(html).toContain(`<th scope="row">${biology.title}</th>`);
    expect(html.match(/<svg /g)).toHaveLength(2);
    const text = JSON.stringify(view) + html;
    const people = await f.agora.storage.people.findByIds(await Promise.all(['ada', 'bo', 'cy', 'dee', 'grace'].map((s) => personIdOf(f, s))));
    for (const person of people) {
      expect(text).not.toContain(person.id);
      expect(text).not.toContain(person.name!);
    }
  });
});
