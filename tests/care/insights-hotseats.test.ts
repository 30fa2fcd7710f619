import type { Anonymity } from '../../src/domain/discussion';
import type { Hotseat, HotseatQuestion, QuestionStatus } from '../../src/domain/hotseat';
import { newId } from '../../src/domain/ids';
import { DAY, HOUR, mondayOf, personIdOf, startCareFixture, WEEK, type CareFixture } from './support';

/**
 * The hotseats in instructor insights: questions per week beside the discussion room's figures,
 * asking and voting as activity, and each hotseat's archive figures. Hotseats, questions and votes
 * are written straight into the store at known times in the past (a test cannot wait weeks).
 */
describe('hotseats in instructor insights', () => {
  let f: CareFixture;
  let now: Date;
  let emptyPage: string;
  const asked: Date[] = [];
  const figures = async () => (await f.grace.get(`/c/${f.courseId}/care/insights`).set('Accept', 'application/json')).body.data;

  async function hotseat(title: string, startsAgo: number, published = true): Promise<Hotseat> {
    const startsAt = new Date(now.getTime() - startsAgo);
    const h: Hotseat = {
      id: newId(startsAt.getTime()), courseId: f.courseId, title, descriptionSource: '', descriptionHtml: '', createdBy: await personIdOf(f, 'grace'),
      publishedAt: published ? new Date(startsAt.getTime() - DAY) : null, opensAt: new Date(startsAt.getTime() - DAY), startsAt,
      endsAt: new Date(startsAt.getTime() + HOUR), phase: published ? 'closed' : 'draft', premoderation: false, convertOnClose: false,
      answeringQuestionId: null, createdAt: new Date(startsAt.getTime() - 2 * DAY), updatedAt: startsAt,
    };
    await f.agora.storage.hotseats.create(h);
    return h;
  }
  async function question(on: Hotseat, subject: string, ago: number, options: { anonymity?: Anonymity; status?: QuestionStatus } = {}): Promise<HotseatQuestion> {
    const createdAt = new Date(now.getTime() - ago);
    const q: HotseatQuestion = {
      id: newId(createdAt.getTime()), hotseatId: on.id, courseId: f.courseId, authorId: await personIdOf(f, subject), anonymity: options.anonymity ?? 'named',
      bodySource: 'Why?', bodyHtml: '<p>Why?</p>', status: options.status ?? 'open', hidden: false, voteCount: 0, voteVersion: 0, declineReason: null,
      mergedIntoId: null, answerSource: null, answerHtml: null, answeredBy: null, answeredAt: null, convertedThreadId: null, createdAt, editedAt: null,
    };
    await f.agora.storage.hotseatQuestions.create(q);
    asked.push(createdAt);
    return q;
  }
  async function vote(on: HotseatQuestion, subject: string, ago: number): Promise<void> {
    await f.agora.storage.hotseatVotes.toggle({ courseId: f.courseId, hotseatId: on.hotseatId, questionId: on.id, personId: await personIdOf(f, subject), at: new Date(now.getTime() - ago) });
  }

  beforeAll(async () => {
    f = await startCareFixture();
    now = f.now();
    emptyPage = (await f.grace.get(`/c/${f.courseId}/care/insights`)).text;
    // Three weeks ago: Ada's question (answered) and Cy's anonymous one, Bo and Cy vote.
    const geneticist = await hotseat('Ask the geneticist', 20 * DAY);
    const answered = await question(geneticist, 'ada', 21 * DAY, { status: 'answered' });
    await question(geneticist, 'cy', 20.5 * DAY, { anonymity: 'everyone' });
    await question(geneticist, 'bo', 20.6 * DAY, { status: 'withdrawn' });
    await vote(answered, 'bo', 20 * DAY);
    await vote(answered, 'cy', 20 * DAY);
    // This week: Ada asks under her name, Cy only anonymously to everyone, Bo only votes.
    const recent = await hotseat('Ask the editor', 2 * DAY);
    await question(recent, 'ada', 3 * DAY);
    const anonymous = await question(recent, 'cy', 3 * DAY, { anonymity: 'everyone' });
    await vote(anonymous, 'bo', 2 * DAY);
    await hotseat('A draft nobody sees yet', -7 * DAY, false);
  });
  afterAll(() => f.close());

  it('counts hotseat questions per week beside the discussion room\'s figures, in the chart and its table', async () => {
    const expected = Array.from({ length: 12 }, () => 0);
    for (const date of asked) expected[11 - Math.round((mondayOf(now) - mondayOf(date)) / WEEK)]! += 1;
    const data = await figures();
    expect(data.table.map((w: { hotseatQuestions: number }) => w.hotseatQuestions)).toEqual(expected);
    expect(expected.reduce((a, b) => a + b, 0)).toBe(5);
    const html = (await f.grace.get(`/c/${f.courseId}/care/insights`)).text;
    expect(html).toContain('<title id="chart-hotseat-questions-title">Hotseat questions per week</title>');
    expect(html).toContain('<th scope="col">Hotseat questions</th>');
    expect(html).not.toContain('not counted here yet');
  });

  it('counts asking and voting in a hotseat as taking part, never a question anonymous to everyone', async () => {
    const { learners } = await figures();
    expect(learners).toMatchObject({ total: 3, active: 2, silent: 1, neverParticipated: 0 });
    expect(learners.activeNames).toEqual(['Ada Lovelace', 'Bo Diddley']);
    expect(learners.silentNames).toEqual(['Cy Young']);
  });

  it('sums up each published hotseat as its archive does, the latest first, drafts left out', async () => {
    const { hotseats } = await figures();
    expect(hotseats.map((h: { title: string }) => h.title)).toEqual(['Ask the editor', 'Ask the geneticist']);
    expect(hotseats[1]).toMatchObject({ questions: 2, answered: 1, votes: 2, participants: 3 });
    expect(hotseats[0]).toMatchObject({ questions: 2, answered: 0, votes: 1, participants: 3 });
    expect(hotseats[1].url).toMatch(new RegExp(`^/c/${f.courseId}/hotseats/[^/]+$`));
    const html = (await f.grace.get(`/c/${f.courseId}/care/insights`)).text;
    expect(html).toContain('<caption>Hotseats and their figures</caption>');
    expect(html).toMatch(/Ask the geneticist<\/a> <span class="meta">\(Closed\)<\/span>/);
    expect(html).not.toContain('A draft nobody sees yet');
  });

  it('tells staff what to do when the course has no hotseat yet', () => {
    expect(emptyPage).toContain('No hotseats yet');
    expect(emptyPage).not.toContain('<caption>Hotseats and their figures</caption>');
  });
});
