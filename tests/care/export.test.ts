import { csvCell, csvRow } from '../../src/commands/care/export/csv';
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
  });
  afterAll(() => f.close());

  it('exports every thread with its replies as JSON, authors as staff see them', async () => {
    const response = await f.grace.get(exportPath('json'));
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="agora-.+-discussion-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = JSON.parse(response.text);
    expect(data.sources).toEqual(['discussion']);
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

  it('never names or identifies an author anonymous to everyone, anywhere in either format', async () => {
    for (const format of ['json', 'csv'] as const) {
      const text = (await f.grace.get(exportPath(format))).text;
      expect(text).toContain('Nobody may know it was me');
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
  });
});
