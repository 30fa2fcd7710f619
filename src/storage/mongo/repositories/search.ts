/**
 * Full-text search on MongoDB, behaving as the SQLite adapter's FTS5 search does: every word of the
 * query must appear in the post, the last one possibly as the start of a longer word (search as
 * you type); best matches first, titles weighing more than bodies; snippets cut and marked as
 * FTS5's snippet() cuts and marks them.
 *
 * How a search runs (the `post_search` and `search_terms` collections are in schemas.ts):
 * - Words are cut and folded here, never by MongoDB: letters, digits and combining marks make up a
 *   word, lower-cased, Latin letters without their accents (FTS5's `unicode61 remove_diacritics 2`).
 *   Each post keeps its distinct words in `words`, and its title and body as those words joined by
 *   spaces in `titleText` and `bodyText`, which the text index covers. MongoDB's tokenizer thus
 *   sees only words we cut (it splits on spaces and punctuation, which they never contain).
 * - `words` decides what matches: `$all` for the whole words, an anchored regex for the last.
 *   Both are exact, whatever $text does.
 * - $text ranks (textScore; title 4, body 1), but it finds whole words only, and only the posts
 *   holding at least one of its terms. So it gets the whole words and every word of the course
 *   that starts with the last one: `search_terms` lists the course's words, with `_id`
 *   `<courseId>:<word>`, so an anchored regex on `_id` finds them in the _id index alone, however
 *   many posts hold them (the regex on `words` would have to read every such post). Then every
 *   post that matches holds a term of $text, and $text leaves none out.
 * - The list of words is only ever added to: index() adds a post's words before the post, and
 *   nothing removes them, so it holds every word of every post, and a prefix no word has means
 *   no match without looking further. A word no post has any more costs $text one vain lookup.
 * - At most MAX_EXPANSIONS words: past that (a query of one or two letters, in a big course), a
 *   query of one word searches the posts holding the first MAX_EXPANSIONS (alphabetically) of
 *   them only. Every hit still matches; the ones left out would have ranked anywhere. A query of
 *   several words is exact regardless: every match holds its whole words, which $text has.
 */
import type { PostKind } from '../../../domain/discussion';
import type { Id } from '../../../domain/ids';
import type { SearchDocument, SearchHit, SearchRepository } from '../../ports';
import type { MongoContext } from '../context';
import type { PostSearchDoc } from '../schemas';
import { cutWords, queryWords, snippet } from '../../search-text';

/** Words that start with the query's last word that $text searches for. */
const MAX_EXPANSIONS = 500;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const termId = (courseId: Id, word: string) => `${courseId}:${word}`;

type HitDoc = Pick<PostSearchDoc, 'postKind' | 'postId' | 'threadId' | 'title' | 'body'>;

export class MongoSearch implements SearchRepository {
  constructor(private readonly ctx: MongoContext) {}

  async index(doc: SearchDocument): Promise<void> {
    const session = this.ctx.session;
    const titleWords = cutWords(doc.title).map((word) => word.folded);
    const bodyWords = cutWords(doc.body).map((word) => word.folded);
    const words = [...new Set([...titleWords, ...bodyWords])];
    // The course's list of words first, so that it always holds every indexed word (see above).
    // Each upsert names the whole _id: the server itself retries one that loses a race to insert.
    if (words.length > 0) {
      await this.ctx.models.searchTerms.bulkWrite(words.map((word) => ({
        updateOne: { filter: { _id: termId(doc.courseId, word) }, update: { $setOnInsert: { courseId: doc.courseId } }, upsert: true },
      })), { ordered: false, session });
    }
    await this.ctx.models.postSearch.replaceOne(
      { _id: `${doc.postKind}:${doc.postId}` },
      {
        courseId: doc.courseId, postKind: doc.postKind, postId: doc.postId, threadId: doc.threadId, title: doc.title, body: doc.body,
        titleText: titleWords.join(' '), bodyText: bodyWords.join(' '), words,
      },
      { upsert: true, session },
    );
  }

  async remove(postKind: PostKind, postId: Id): Promise<void> {
    await this.ctx.models.postSearch.deleteOne({ _id: `${postKind}:${postId}` }, { session: this.ctx.session });
  }

  async search(courseId: Id, query: string, limit: number): Promise<SearchHit[]> {
    const words = queryWords(query);
    // SQLite's LIMIT 0 gives nothing; MongoDB's limit(0) would mean "no limit".
    if (words.length === 0 || limit <= 0) return [];
    const session = this.ctx.session;
    const whole = [...new Set(words.slice(0, -1))];
    const prefix = words[words.length - 1]!;
    const startsWithPrefix = new RegExp(`^${escapeRegExp(prefix)}`);
    const expansions = await this.ctx.models.searchTerms
      .find({ _id: new RegExp(`^${escapeRegExp(termId(courseId, prefix))}`) }, { _id: 1 }, { session })
      .sort({ _id: 1 })
      .limit(MAX_EXPANSIONS)
      .lean<Array<{ _id: string }>>();
    if (expansions.length === 0) return [];
    const terms = new Set([...whole, ...expansions.map((term) => term._id.slice(courseId.length + 1))]);
    const docs = await this.ctx.models.postSearch
      .find(
        {
          courseId,
          $text: { $search: [...terms].join(' ') },
          $and: [...(whole.length > 0 ? [{ words: { $all: whole } }] : []), { words: startsWithPrefix }],
        },
        { postKind: 1, postId: 1, threadId: 1, title: 1, body: 1, score: { $meta: 'textScore' } },
        { session },
      )
      .sort({ score: { $meta: 'textScore' }, _id: 1 })
      .limit(limit)
      .lean<HitDoc[]>();
    return docs.map((doc) => ({
      postKind: doc.postKind, postId: doc.postId, threadId: doc.threadId, snippet: snippet([doc.title, doc.body], words),
    }));
  }
}
