import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { translate } from '../../src/i18n/translate';
import { liveVariants } from '../../src/realtime/broadcaster';
import { localesListening } from '../../src/realtime/locales';
import { roleRoom } from '../../src/realtime/protocol';
import { liveHotseat } from '../hotseat/people';
import { askOk, TestClock } from '../hotseat/support';
import { startCourseFixture, type CourseFixture } from '../support/course-fixture';
import { cookieHeader, launchIntoCourse, newBrowser, type Browser } from '../support/launch';
import { postThread } from '../support/room';
import { connected, connectSocket, joinCourse, nextEvent, refused } from '../support/socket';
import { ROLE } from '../support/test-platform';

/**
 * Live updates in each viewer's language: fragments rendered per audience and language, acks and
 * refusals in the socket's language, replays too; and an English-only room renders English only.
 */
const SPANISH_DATE_TIME = /\d{1,2} (ene|feb|mar|abr|may|jun|jul|ago|sept?|oct|nov|dic) \d{4}, \d{1,2}:\d{2} UTC/;
const ENGLISH_DATE_TIME = /\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec) \d{4}, \d{1,2}:\d{2} UTC/;

interface CourseEvent { seq: number; type: string; threadId: string; threadItemHtml: string | null }
interface QuestionEvent { questionId: string; change: string; html: string | null }

describe('live updates in each viewer’s language', () => {
  const clock = new TestClock();
  let f: CourseFixture;
  let lucia: Browser;
  const sockets: Socket[] = [];

  const open = async (browser: Browser) => {
    const socket = connectSocket(f.agora.url, cookieHeader(browser, f.agora.url));
    sockets.push(socket);
    await connected(socket);
    return socket;
  };
  const threadCreated = (socket: Socket, title: string) =>
    nextEvent<CourseEvent>(socket, 'course:event', 5000, (e) => e.type === 'thread.created' && (e.threadItemHtml ?? '').includes(title));

  beforeAll(async () => {
    f = await startCourseFixture({ now: clock.now });
    lucia = newBrowser(f.agora.url);
    await launchIntoCourse(lucia, f.platform, f.agora.url, f.platform.claims({ sub: 'lucia', name: 'Lucía Pérez', roles: [ROLE.learner], locale: 'es-ES' }));
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(() => f.close());

  it('renders a new thread in Spanish for a Spanish viewer while an English viewer in the same room gets English', async () => {
    const [spanish, english] = await Promise.all([open(lucia), open(f.bo)]);
    expect((await joinCourse(spanish, f.courseId)).ok).toBe(true);
    expect((await joinCourse(english, f.courseId)).ok).toBe(true);
    const toSpanish = threadCreated(spanish, 'Osmosis');
    const toEnglish = threadCreated(english, 'Osmosis');
    await postThread(f.ada, f.courseId, { title: 'Osmosis', body: 'Water moves.' });
    const [es, en] = await Promise.all([toSpanish, toEnglish]);
    expect(es.threadItemHtml).toContain(translate('es', 'discussion.replyCount', { count: 0 }));
    expect(es.threadItemHtml).toMatch(SPANISH_DATE_TIME);
    expect(en.threadItemHtml).toContain(translate('en', 'discussion.replyCount', { count: 0 }));
    expect(en.threadItemHtml).toMatch(ENGLISH_DATE_TIME);
    expect(en.threadItemHtml).not.toEqual(es.threadItemHtml);
  });

  it('shows an author their own new thread in the language of their launch', async () => {
    const own = await open(lucia);
    await joinCourse(own, f.courseId);
    const mine = threadCreated(own, 'Diffusion');
    await postThread(lucia, f.courseId, { title: 'Diffusion', body: 'Molecules spread.' });
    const event = await mine;
    expect(event.threadItemHtml).toMatch(SPANISH_DATE_TIME);
    expect(event.threadItemHtml).toContain(translate('es', 'discussion.you'));
  });

  it('replays what a Spanish viewer missed in Spanish', async () => {
    const first = await open(lucia);
    const { data } = await joinCourse<{ latestSeq: number }>(first, f.courseId);
    first.disconnect();
    await postThread(f.ada, f.courseId, { title: 'Missed while away', body: 'Catch up.' });
    const again = await open(lucia);
    const replay = await joinCourse<{ replayed: CourseEvent[] }>(again, f.courseId, data.latestSeq);
    const missed = replay.data.replayed.find((e) => (e.threadItemHtml ?? '').includes('Missed while away'));
    expect(missed?.threadItemHtml).toMatch(SPANISH_DATE_TIME);
  });

  it('answers a refused join in Spanish, with the code English gets', async () => {
    const [spanish, english] = await Promise.all([open(lucia), open(f.bo)]);
    const [es, en] = await Promise.all([joinCourse(spanish, f.otherCourseId), joinCourse(english, f.otherCourseId)]);
    expect(es).toEqual({ ok: false, error: { code: 'NOT_A_MEMBER', message: translate('es', 'errors.notAMember') } });
    expect(en).toEqual({ ok: false, error: { code: 'NOT_A_MEMBER', message: translate('en', 'errors.notAMember') } });
    const malformed = await spanish.timeout(5000).emitWithAck('course:join', { courseId: 42 });
    expect(malformed).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: translate('es', 'errors.input.invalid', { field: { key: 'errors.field.raw', params: { name: 'courseId' } } }) } });
  });

  it('refuses a socket without a session in the browser’s language', async () => {
    const socket = connect(f.agora.url, {
      transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { origin: f.agora.url, 'accept-language': 'es-ES,es;q=0.9' },
    });
    sockets.push(socket);
    const error = await refused(socket);
    expect(error.data).toEqual({ code: 'NO_SESSION', message: translate('es', 'errors.noSession') });
  });

  it('renders a hotseat question in Spanish for a Spanish viewer and in English for an English one', async () => {
    const hotseatId = await liveHotseat(f, clock);
    const [spanish, english] = await Promise.all([open(lucia), open(f.bo)]);
    for (const socket of [spanish, english]) {
      expect((await socket.timeout(5000).emitWithAck('hotseat:join', { courseId: f.courseId, hotseatId })).ok).toBe(true);
    }
    const created = [spanish, english].map((s) => nextEvent<QuestionEvent>(s, 'hotseat:question', 5000, (e) => e.change === 'created'));
    await askOk(f.ada, f.courseId, hotseatId, 'Does the membrane choose?');
    const [es, en] = await Promise.all(created);
    expect(es!.html).toMatch(SPANISH_DATE_TIME);
    expect(en!.html).toMatch(ENGLISH_DATE_TIME);
  });
});

describe('which languages a live event is rendered in', () => {
  // A socket.io server attached to nothing: its in-memory adapter is all these need.
  let io: Server;
  beforeEach(() => { io = new Server(); });

  it('renders English only while nobody reads the course in another language', () => {
    expect(localesListening(io, (locale) => roleRoom('c1', 'learner', locale))).toEqual(['en']);
    expect(liveVariants('c1', null, (room) => localesListening(io, room)).map((v) => `${v.to} ${v.locale}`)).toEqual(['course:c1:staff en', 'course:c1:learner en']);
  });

  it('adds Spanish for exactly the audience a Spanish socket is in', () => {
    io.of('/').adapter.addAll('socket-1', new Set([roleRoom('c1', 'learner', 'es')]));
    expect(liveVariants('c1', { personId: 'p1', role: 'learner', locale: 'es' }, (room) => localesListening(io, room)).map((v) => `${v.to} ${v.locale}`)).toEqual([
      'course:c1:staff en', 'course:c1:learner en', 'course:c1:learner:es es', 'course:c1:person:p1 es',
    ]);
  });
});
