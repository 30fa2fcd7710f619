import { csvCell, csvRow } from '../../src/commands/care/export/csv';
import { newId } from '../../src/domain/ids';
import { act, postReply, postThread } from '../support/room';
import { allowAnonymity, personIdOf, startCareFixture, type CareFixture } from './support';

/** Parses RFC 4180 CSV (quoted cells, doubled quotes, line breaks inside quotes) into rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i += 1; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i += 1; } else cell += c;
  }
  if (cell !== '' || row.length > 0) { row.push(cell); rows.push(row); }
  return rows;
}

describe('CSV cells', () => {
  it('quotes cells with commas, quotes or line breaks, doubling the quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(3)).toBe('3');
    expect(csvCell(false)).toBe('false');
  });

  it.each(['=1+1', '+1', '-2', '@SUM(A1)', '\t=1', '\r=1'])('keeps a spreadsheet from running %j as a formula', (value) => {
    expect(csvCell(value)).toBe(`"'${value.replace(/"/g, '""')}"`);
  });

  it('ends each row with CRLF', () => {
    expect(csvRow(['a', 1, null])).toBe('a,1,\r\n');
  });
});

describe('the course export', () => {
  let f: CareFixture;
  let cyId: string;
  const exportPath = (format: 'json' | 'csv') => `/c/${f.courseId}/care/export/discussion.${format}`;
  const hotseatsCsv = () => `/c/${f.courseId}/care/export/hotseats.csv`;

  beforeAll(async () => {
    f = await startCareFixture();
    await allowAnonymity(f, 'everyone');
    cyId = await personIdOf(f, 'cy');
    const question = await postThread(f.ada, f.courseId, { title: 'Named, with "quotes", commas', body: 'Line one\nline two', kind: 'question' });
    await postReply(f.bo, f.courseId, question.id, { body: 'Only staff see my name', anonymity: 'peers' });
    const secret = await postReply(f.cy, f.courseId, question.id, { body: 'Nobody may know it was me', anonymity: 'everyone' });
    await postReply(f.ada, f.courseId, question.id, { body: 'A comment', parentId: secret.id });
    await postThread(f.cy, f.courseId, { title: 'Anonymous thread', body: '=HYPERLINK("http://evil.example","click")', anonymity: 'everyone' });
    const hidden = await postReply(f.bo, f.courseId, question.id, { body: 'Hidden by staff' });
    await act(f.grace, f.courseId, `/c/${f.courseId}/discussion/posts/reply/${hidden.id}/hide`, { hidden: true });
    const deleted = await postReply(f.ada, f.courseId, question.id, { body: 'I take it back' });
    await act(f.ada, f.courseId, `/c/${f.courseId}/discussion/posts/reply/${deleted.id}/delete`);
    await seedHotseat();
  });

  /** A closed hotseat hosted by Grace: Ada's named question (answered, one vote), Cy's anonymous one with a follow-up, a withdrawn one. */
  async function seedHotseat(): Promise<void> {
    const s = f.agora.storage;
    const [grace, ada, bo] = await Promise.all(['grace', 'ada', 'bo'].map((who) => personIdOf(f, who)));
    const t = f.now().getTime() - 10 * 86_400_000;
    const at = (minutes: number) => new Date(t + minutes * 60_000);
    const hotseatId = newId(t);
    await s.hotseats.create({
      id: hotseatId, courseId: f.courseId, title: 'Ask the author', descriptionSource: 'Chapter 3', descriptionHtml: '<p>Chapter 3</p>', createdBy: grace!,
      publishedAt: at(0), opensAt: at(1), startsAt: at(60), endsAt: at(120), phase: 'closed', premoderation: false, convertOnClose: false,
      answeringQuestionId: null, createdAt: at(0), updatedAt: at(0),
    });
    await s.hotseatHosts.add({ hotseatId, courseId: f.courseId, personId: grace!, kind: 'staff', bio: null, addedAt: at(0) });
    const question = (id: string, authorId: string, minutes: number, body: string, extra: object = {}) => s.hotseatQuestions.create({
      id, hotseatId, courseId: f.courseId, authorId, anonymity: 'named', bodySource: body, bodyHtml: `<p>${body}</p>`, status: 'open', hidden: false,
      voteCount: 0, voteVersion: 0, declineReason: null, mergedIntoId: null, answerSource: null, answerHtml: null, answeredBy: null, answeredAt: null,
      convertedThreadId: null, createdAt: at(minutes), editedAt: null, ...extra,
    });
    const named = newId(at(10).getTime());
    const secret = newId(at(11).getTime());
    await question(named, ada!, 10, 'Where did the idea come from?', { status: 'answered', answerSource: 'A dream', answerHtml: '<p>A dream</p>', answeredBy: grace, answeredAt: at(70) });
    await question(secret, cyId, 11, '=1+1 secretly asked', { anonymity: 'everyone' });
    await question(newId(at(12).getTime()), bo!, 12, 'Taken back', { status: 'withdrawn' });
    await s.hotseatVotes.toggle({ courseId: f.courseId, hotseatId, questionId: named, personId: bo!, at: at(20) });
    await s.hotseatFollowUps.create({ id: newId(at(30).getTime()), questionId: secret, hotseatId, courseId: f.courseId, authorId: cyId, anonymity: 'everyone', bodySource: 'And a follow-up', bodyHtml: '<p>And a follow-up</p>', createdAt: at(30) });
  }
  afterAll(() => f.close());

  it('exports every thread with its replies as JSON, authors as staff see them', async () => {
    const response = await f.grace.get(exportPath('json'));
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="agora-.+-discussion-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = JSON.parse(response.text);
    expect(data.sources).toEqual(['discussion', 'hotseats']);
    expect(data.discussion).toHaveLength(2);
    const question = data.discussion.find((t: { title: string | null }) => t.title === 'Named, with "quotes", commas');
    expect(question).toMatchObject({ type: 'thread', kind: 'question', author: { name: 'Ada Lovelace', anonymous: false }, body: 'Line one\nline two' });
    const bodies = question.replies.map((r: { body: string | null }) => r.body);
    expect(bodies).toEqual(['Only staff see my name', 'Nobody may know it was me', 'A comment', 'Hidden by staff', null]);
    expect(question.replies[0].author).toEqual({ name: 'Bo Diddley', anonymous: false, anonymity: 'anonymous to classmates' });
    expect(question.replies[1].author).toMatchObject({ anonymous: true, anonymity: 'anonymous to everyone' });
    expect(question.replies[1].author.name).toMatch(/^Anonymous /);
    expect(question.replies[2]).toMatchObject({ type: 'comment', parentId: question.replies[1].id });
    expect(question.replies[3].hidden).toBe(true);
    expect(question.replies[4]).toMatchObject({ deleted: true, author: null, body: null });
  });

  it('exports every hotseat with its hosts, questions, votes, answers and follow-ups, askers as staff see them', async () => {
    const data = JSON.parse((await f.grace.get(exportPath('json'))).text);
    expect(data.hotseats).toHaveLength(1);
    const [hotseat] = data.hotseats;
    expect(hotseat).toMatchObject({ title: 'Ask the author', description: 'Chapter 3', phase: 'closed', hosts: [{ name: 'Grace Hopper', guest: false }] });
    expect(hotseat.questions.map((q: { body: string }) => q.body)).toEqual(['Where did the idea come from?', '=1+1 secretly asked']);
    expect(hotseat.questions[0]).toMatchObject({
      author: { name: 'Ada Lovelace', anonymous: false, anonymity: 'named' }, status: 'answered', votes: 1, answer: 'A dream', answeredBy: 'Grace Hopper',
    });
    expect(hotseat.questions[1].author).toMatchObject({ anonymous: true, anonymity: 'anonymous to everyone' });
    expect(hotseat.questions[1].author.name).toMatch(/^Anonymous /);
    expect(hotseat.questions[1].followUps).toEqual([expect.objectContaining({ body: 'And a follow-up', author: expect.objectContaining({ anonymous: true }) })]);
  });

  it('exports the hotseats as CSV too, one row per question or follow-up, formulas neutralised', async () => {
    const response = await f.grace.get(hotseatsCsv());
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="agora-.+-hotseats-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, ...rows] = parseCsv(response.text.replace(/^\uFEFF/, ''));
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toHaveLength(header!.length);
    const column = (name: string) => header!.indexOf(name);
    expect(rows.map((row) => row[column('type')])).toEqual(['question', 'question', 'follow-up']);
    expect(rows[0]![column('votes')]).toBe('1');
    expect(rows[0]![column('answered_by')]).toBe('Grace Hopper');
    expect(rows[1]![column('body')]).toBe("'=1+1 secretly asked");
    expect(rows[1]![column('author_anonymous')]).toBe('true');
    const page = await f.grace.get(`/c/${f.courseId}/care/export`);
    expect(page.text).toContain(`href="${hotseatsCsv()}"`);
    expect(page.text).not.toContain('not part of this export yet');
  });

  it('never names or identifies an author anonymous to everyone, anywhere in either format', async () => {
    for (const path of [exportPath('json'), exportPath('csv'), hotseatsCsv()]) {
      const text = (await f.grace.get(path)).text;
      expect(text).toContain(path.endsWith('hotseats.csv') ? 'secretly asked' : 'Nobody may know it was me');
      for (const trace of ['Cy Young', cyId, 'cy@']) expect(text).not.toContain(trace);
    }
  });

  it('exports one CSV row per post, escaped, with formulas neutralised', async () => {
    const response = await f.grace.get(exportPath('csv'));
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parseCsv(response.text.replace(/^\uFEFF/, ''));
    const [header, ...posts] = rows;
    expect(header!.slice(0, 6)).toEqual(['type', 'id', 'thread_id', 'parent_id', 'kind', 'title']);
    expect(posts).toHaveLength(2 + 5);
    for (const row of posts) expect(row).toHaveLength(header!.length);
    const column = (name: string) => header!.indexOf(name);
    const titles = posts.map((row) => row[column('title')]);
    expect(titles).toContain('Named, with "quotes", commas');
    const bodies = posts.map((row) => row[column('body')]);
    expect(bodies).toContain('Line one\nline two');
    expect(bodies).toContain('\'=HYPERLINK("http://evil.example","click")');
    expect(bodies.some((body) => body!.startsWith('='))).toBe(false);
  });

  it('is for staff only', async () => {
    expect((await f.ada.get(exportPath('json'))).status).toBe(403);
    expect((await f.bo.get(exportPath('csv'))).status).toBe(403);
    expect((await f.bo.get(hotseatsCsv())).status).toBe(403);
  });
});
