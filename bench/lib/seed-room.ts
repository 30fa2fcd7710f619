/**
 * Fills one course's discussion room to the size of a large real course, straight through the
 * storage repositories (the same ones the commands use), in one transaction: seeding 100,000
 * replies over HTTP would take longer than the measurement itself, and what D1 measures is
 * reading, not writing. Text is drawn from a small vocabulary so searches find realistic numbers
 * of matches.
 */
import { newId } from '../../src/domain/ids';
import type { Storage } from '../../src/storage/ports';

const WORDS = [
  'photosynthesis', 'light', 'cell', 'energy', 'mitochondria', 'enzyme', 'protein', 'membrane', 'gene', 'evolution',
  'osmosis', 'diffusion', 'respiration', 'chlorophyll', 'nucleus', 'ribosome', 'glucose', 'oxygen', 'carbon', 'nitrogen',
];
const pick = (i: number) => WORDS[i % WORDS.length]!;
const sentence = (seed: number, length: number) => Array.from({ length }, (_, k) => pick(seed * 7 + k * 13)).join(' ');

export interface SeedResult {
  threads: number;
  replies: number;
  ms: number;
  /** A thread in the middle of the list, with its replies, for the thread-page measurement. */
  sampleThreadId: string;
}

export async function seedRoom(storage: Storage, courseId: string, options: { threads: number; repliesPerThread: number }): Promise<SeedResult> {
  const started = Date.now();
  const authors = (await storage.memberships.listByCourse(courseId)).map((m) => m.personId);
  if (authors.length === 0) throw new Error('seed-room needs at least one person launched into the course');
  const base = Date.now() - options.threads * 60_000;
  let sampleThreadId = '';
  await storage.transaction(async (tx) => {
    for (let i = 0; i < options.threads; i += 1) {
      const at = new Date(base + i * 60_000);
      const id = newId(at.getTime());
      if (i === Math.floor(options.threads / 2)) sampleThreadId = id;
      const title = `Question ${i} about ${pick(i)} and ${pick(i + 3)}`;
      const body = sentence(i, 40);
      await tx.threads.create({
        id, courseId, authorId: authors[i % authors.length]!, kind: i % 3 === 0 ? 'question' : 'discussion', anonymity: i % 5 === 0 ? 'peers' : 'named',
        title, bodySource: body, bodyHtml: `<p>${body}</p>`, tagIds: [], replyCount: options.repliesPerThread, answerCount: options.repliesPerThread,
        voteCount: i % 23, pinned: i % 2000 === 0, locked: false, hidden: false, acceptedReplyId: null, endorsedAnswerCount: i % 7 === 0 ? 1 : 0,
        createdAt: at, editedAt: null, deletedAt: null, lastActivityAt: new Date(at.getTime() + options.repliesPerThread * 1000),
      });
      await tx.search.index({ courseId, postKind: 'thread', postId: id, threadId: id, title, body });
      for (let r = 0; r < options.repliesPerThread; r += 1) {
        const replyAt = new Date(at.getTime() + (r + 1) * 1000);
        const replyId = newId(replyAt.getTime());
        const text = sentence(i + r, 25);
        await tx.replies.create({
          id: replyId, courseId, threadId: id, parentId: null, authorId: authors[(i + r) % authors.length]!, anonymity: 'named',
          bodySource: text, bodyHtml: `<p>${text}</p>`, voteCount: r % 4, hidden: false, endorsedBy: null, endorsedAt: null,
          createdAt: replyAt, editedAt: null, deletedAt: null,
        });
        await tx.search.index({ courseId, postKind: 'reply', postId: replyId, threadId: id, title: '', body: text });
      }
    }
  });
  return { threads: options.threads, replies: options.threads * options.repliesPerThread, ms: Date.now() - started, sampleThreadId };
}
