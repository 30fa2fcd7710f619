import type { Socket } from 'socket.io-client';
import { startCourseFixture, type CourseFixture } from '../support/course-fixture';
import { cookieHeader, type Browser } from '../support/launch';
import { collect, connected, connectSocket, nextEvent } from '../support/socket';
import { acceptAsGuest, invite, launchLearner, liveHotseat, moderate, openHotseat } from './people';
import { askOk, hotseatAct, TestClock } from './support';

interface QuestionEvent { questionId: string; change: string; removed: boolean; list: string | null; html: string | null }
interface ChangeEvent { change: string; phase: string; answeringId: string | null; answeringHtml: string | null }
interface RankingEvent { hotseatId: string; counts: Array<[string, number, number]> }

/** Everyone on the hotseat page sees it move without reloading: questions, votes, answers, phases. */
describe('the hotseat, live', () => {
  let f: CourseFixture;
  let learners: Browser[];
  const clock = new TestClock();
  const sockets: Socket[] = [];

  /** A socket for each browser, joined to the hotseat. */
  async function watch(hotseatId: string, ...browsers: Browser[]): Promise<Socket[]> {
    const opened = browsers.map((b) => connectSocket(f.agora.url, cookieHeader(b, f.agora.url)));
    sockets.push(...opened);
    await Promise.all(opened.map(connected));
    for (const socket of opened) {
      const joined = await socket.timeout(5000).emitWithAck('hotseat:join', { courseId: f.courseId, hotseatId });
      if (!joined.ok) throw new Error(`joining answered ${JSON.stringify(joined)}`);
    }
    return opened;
  }
  const next = <T>(socket: Socket, name: string, where: (e: T) => boolean) => nextEvent<T>(socket, name, 5000, where);

  beforeAll(async () => {
    f = await startCourseFixture({ now: clock.now });
    learners = [f.ada, f.bo];
    for (const name of ['Cy', 'Dee', 'Eli']) learners.push(await launchLearner(f, name.toLowerCase(), `${name} Learner`));
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(() => f.close());

  test('a new question, "answering now" and the answer reach every open page', async () => {
    const id = await liveHotseat(f, clock);
    const watchers = await watch(id, f.ada, f.bo, f.grace);
    const created = watchers.map((s) => next<QuestionEvent>(s, 'hotseat:question', (e) => e.change === 'created'));
    const questionId = await askOk(learners[2]!, f.courseId, id, 'Does live work?');
    for (const event of await Promise.all(created)) expect(event).toMatchObject({ questionId, list: 'open', html: expect.stringContaining('Does live work?') });

    const spotlight = watchers.map((s) => next<ChangeEvent>(s, 'hotseat:changed', (e) => e.change === 'answering'));
    await hotseatAct(f.grace, f.courseId, id, '/answering', { questionId });
    for (const event of await Promise.all(spotlight)) expect(event).toMatchObject({ answeringId: questionId, answeringHtml: expect.stringContaining('Does live work?') });

    const answered = watchers.map((s) => next<QuestionEvent>(s, 'hotseat:question', (e) => e.change === 'answered'));
    await moderate(f.grace, f.courseId, id, questionId, { action: 'answer', body: 'It **does**.' });
    for (const event of await Promise.all(answered)) expect(event).toMatchObject({ list: 'answered', html: expect.stringContaining('<strong>does</strong>') });
  });

  test('answering the question in the spotlight clears "answering now" on every open page', async () => {
    const id = await liveHotseat(f, clock);
    const questionId = await askOk(f.ada, f.courseId, id, 'In the spotlight');
    await hotseatAct(f.grace, f.courseId, id, '/answering', { questionId });
    const watchers = await watch(id, f.ada, f.bo);
    const cleared = watchers.map((s) => next<ChangeEvent>(s, 'hotseat:changed', (e) => e.change === 'answering'));
    await moderate(f.grace, f.courseId, id, questionId, { action: 'answer', body: 'Answered live.' });
    for (const event of await Promise.all(cleared)) expect(event).toMatchObject({ answeringId: null, answeringHtml: null });
  });

  test('phase changes reach every open page: staff start it early and close it', async () => {
    const id = await openHotseat(f, clock);
    const watchers = await watch(id, f.ada, f.bo, f.grace);
    const live = watchers.map((s) => next<ChangeEvent>(s, 'hotseat:changed', (e) => e.change === 'phase' && e.phase === 'live'));
    await hotseatAct(f.grace, f.courseId, id, '/schedule', { action: 'start' });
    await Promise.all(live);
    const closed = watchers.map((s) => next<ChangeEvent>(s, 'hotseat:changed', (e) => e.change === 'phase' && e.phase === 'closed'));
    await hotseatAct(f.grace, f.courseId, id, '/schedule', { action: 'close' });
    await Promise.all(closed);
  });

  test('a question waiting for approval reaches only hosts, staff and its asker', async () => {
    const id = await liveHotseat(f, clock, { premoderation: true });
    const guest = await acceptAsGuest(f, await invite(f, id));
    const [ada, bo, grace, guestSocket] = await watch(id, f.ada, f.bo, f.grace, guest);
    const toBo = collect<QuestionEvent>(bo!, 'hotseat:question');
    const seen = [ada, grace, guestSocket].map((s) => next<QuestionEvent>(s!, 'hotseat:question', (e) => e.change === 'created'));
    await askOk(f.ada, f.courseId, id, 'Waiting quietly for approval');
    for (const event of await Promise.all(seen)) expect(event).toMatchObject({ list: 'pending', html: expect.stringContaining('Waiting quietly') });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(JSON.stringify(toBo())).not.toContain('Waiting quietly');
  });

  test('a waiting question that a host merges into another never reaches classmates\' pages', async () => {
    const id = await liveHotseat(f, clock, { premoderation: true });
    const kept = await askOk(f.grace, f.courseId, id, 'The question to keep');
    const duplicate = await askOk(f.ada, f.courseId, id, 'An unapproved duplicate');
    const [bo] = await watch(id, f.bo);
    const toBo = collect<QuestionEvent>(bo!, 'hotseat:question');
    const merged = next<QuestionEvent>(bo!, 'hotseat:question', (e) => e.change === 'merged');
    expect((await hotseatAct(f.grace, f.courseId, id, `/questions/${duplicate}/merge`, { intoId: kept })).status).toBe(200);
    await merged;
    expect(JSON.stringify(toBo())).not.toContain('unapproved duplicate');
  });

  test('votes arrive as ranking updates, at most about ten a second, and the last counts equal the stored ones', async () => {
    const id = await liveHotseat(f, clock);
    const questions: string[] = [];
    for (let i = 0; i < 4; i += 1) questions.push(await askOk(f.grace, f.courseId, id, `Ranked question ${i}`));
    const voters = await watch(id, ...learners);
    const watchers = [voters[0]!, ...(await watch(id, f.grace))];
    const received = watchers.map((s) => {
      const log: Array<{ at: number; update: RankingEvent }> = [];
      s.on('hotseat:ranking', (update: RankingEvent) => log.push({ at: Date.now(), update }));
      return log;
    });
    const started = Date.now();
    // Real votes from five learners over their sockets, one after another (toggles: counts go up and down)...
    const votes = voters.map(async (socket) => {
      const acks: Array<{ ok: boolean }> = [];
      for (let i = 0; i < 30; i += 1) acks.push(await socket.timeout(10_000).emitWithAck('hotseat:vote', { courseId: f.courseId, hotseatId: id, questionId: questions[i % 4] }));
      return acks;
    });
    // ...and, meanwhile, a steady storm of vote signals for a second, far faster than any person votes.
    for (let i = 0; Date.now() - started < 1000; i += 1) {
      f.agora.ctx.events.publishHotseatVote({ courseId: f.courseId, hotseatId: id, questionId: questions[i % 4]! });
      if (i % 5 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const acks = (await Promise.all(votes)).flat();
    // A last volley, all at once, after the storm: these must not be swallowed by the coalescing.
    acks.push(...await Promise.all(voters.map((socket, i) => socket.timeout(10_000).emitWithAck('hotseat:vote', { courseId: f.courseId, hotseatId: id, questionId: questions[i % 4] }))));
    expect(acks.every((a) => a.ok)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const elapsed = Date.now() - started;

    for (const log of received) {
      expect(log.length).toBeGreaterThan(1);
      // At most ~10 per second: never more than 11 updates inside any one-second window.
      for (const { at } of log) expect(log.filter((e) => e.at >= at && e.at < at + 1000).length).toBeLessThanOrEqual(11);
      expect(log.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 1);
      // Nothing lost: the newest count each page holds is the stored one.
      const latest = new Map<string, [number, number]>();
      for (const { update } of log) {
        for (const [questionId, count, version] of update.counts) if ((latest.get(questionId)?.[1] ?? -1) < version) latest.set(questionId, [count, version]);
      }
      for (const questionId of questions) {
        const stored = (await f.agora.storage.hotseatQuestions.findById(f.courseId, questionId))!;
        expect({ questionId, count: latest.get(questionId)?.[0] }).toEqual({ questionId, count: stored.voteCount });
      }
    }
  });

  test('a vote over the socket counts like one on the page, and is refused once the hotseat closes', async () => {
    const id = await liveHotseat(f, clock);
    const questionId = await askOk(f.ada, f.courseId, id, 'Vote on me live');
    const [bo] = await watch(id, f.bo);
    const voted = await bo!.timeout(5000).emitWithAck('hotseat:vote', { courseId: f.courseId, hotseatId: id, questionId });
    expect(voted).toMatchObject({ ok: true, data: { voted: true, voteCount: 1 } });
    await hotseatAct(f.grace, f.courseId, id, '/schedule', { action: 'close' });
    const late = await bo!.timeout(5000).emitWithAck('hotseat:vote', { courseId: f.courseId, hotseatId: id, questionId });
    expect(late).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/has closed/) } });
    expect((await f.agora.storage.hotseatQuestions.findById(f.courseId, questionId))!.voteCount).toBe(1);
  });

  test('the watching count counts people, not tabs, and goes down when someone leaves', async () => {
    const id = await liveHotseat(f, clock);
    const [, , bo] = await watch(id, f.ada, f.ada, f.bo);
    const grace = connectSocket(f.agora.url, cookieHeader(f.grace, f.agora.url));
    sockets.push(grace);
    await connected(grace);
    const joined = await grace.timeout(5000).emitWithAck('hotseat:join', { courseId: f.courseId, hotseatId: id });
    expect(joined.data.watching).toBe(3);
    const fewer = next<{ watching: number }>(grace, 'hotseat:watching', (e) => e.watching === 2);
    bo!.disconnect();
    await fewer;
  });

  test('someone from another course cannot watch the hotseat', async () => {
    const id = await liveHotseat(f, clock);
    const eve = connectSocket(f.agora.url, cookieHeader(f.eve, f.agora.url));
    sockets.push(eve);
    await connected(eve);
    const refused = await eve.timeout(5000).emitWithAck('hotseat:join', { courseId: f.courseId, hotseatId: id });
    expect(refused.ok).toBe(false);
  });
});
