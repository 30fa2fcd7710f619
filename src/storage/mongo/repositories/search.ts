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
import { SEARCH_MARK, type SearchDocument, type SearchHit, type SearchRepository } from '../../ports';
import type { MongoContext } from '../context';
import type { PostSearchDoc } from '../schemas';

/** Query words searched for, as FTS5's toFtsQuery keeps them. */
const MAX_QUERY_WORDS = 12;
/** Words that start with the query's last word that $text searches for. */
const MAX_EXPANSIONS = 500;
/** Words in a snippet, as in SQLite's snippet(..., 24). */
const SNIPPET_WORDS = 24;
const ELLIPSIS = '…';

interface Word {
  /** Where the word is in the text it was cut from (UTF-16 offsets). */
  start: number;
  end: number;
  /** Folded: what is indexed and compared. */
  folded: string;
}

/** A run of letters, digits (and private-use characters) and combining marks: FTS5's unicode61 token characters. */
const WORD = /[\p{L}\p{N}\p{Co}\p{Mn}]+/gu;
const LATIN_ACCENTS = /(\p{Script=Latin})\p{Mn}+/gu;

/**
 * Lower case; accents removed from Latin letters only (é is e, but й stays й, as in FTS5); final
 * sigma as sigma (FTS5 folds ς to σ).
 */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(LATIN_ACCENTS, '$1').normalize('NFC').toLowerCase().replace(/ς/g, 'σ');
}

export function cutWords(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    const folded = foldWord(match[0]);
    if (folded !== '') words.push({ start: match.index, end: match.index + match[0].length, folded });
  }
  return words;
}

/** The folded words of a query; the last one is searched for as a prefix. Empty: nothing to search. */
export function queryWords(query: string): string[] {
  return cutWords(query).slice(0, MAX_QUERY_WORDS).map((word) => word.folded);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const termId = (courseId: Id, word: string) => `${courseId}:${word}`;

/**
 * The snippet FTS5's snippet(post_search, -1, start, end, '…', 24) gives for these query words,
 * computed the way FTS5 does it (fts5_aux.c): of every window of 24 words that starts at a match,
 * or at the start of the match's sentence, in the title or the body, the one with the most
 * distinct query words (then the most matches; a sentence start gains a little); a window that
 * starts at a match is then moved back to centre its matches. Matched words are wrapped in
 * SEARCH_MARK; '…' stands for text cut off at either end.
 */
export function snippet(columns: readonly string[], words: readonly string[]): string {
  const last = words.length - 1;
  /** The query words (FTS5's phrases) this folded word matches. */
  const phrasesOf = (folded: string) => words.flatMap((word, i) => ((i === last ? folded.startsWith(word) : folded === word) ? [i] : []));
  const cut = columns.map((text) => {
    const tokens = cutWords(text);
    const hits = tokens.flatMap((token, position) => phrasesOf(token.folded).map((phrase) => ({ phrase, position })));
    return { text, tokens, hits };
  });

  /** FTS5's fts5SnippetScore: 1000 per distinct phrase in the window, 1 per repeat; and where to start it to centre them. */
  const score = (hits: typeof cut[number]['hits'], from: number, size: number) => {
    const seen = new Set<number>();
    let total = 0;
    let first = -1;
    let end = 0;
    for (const hit of hits) {
      if (hit.position < from || hit.position >= from + SNIPPET_WORDS) continue;
      total += seen.has(hit.phrase) ? 1 : 1000;
      seen.add(hit.phrase);
      if (first < 0) first = hit.position;
      end = hit.position + 1;
    }
    let start = first - Math.trunc((SNIPPET_WORDS - (end - first)) / 2);
    if (start + SNIPPET_WORDS > size) start = size - SNIPPET_WORDS;
    return { total, start: Math.max(0, start) };
  };

  let best = { total: 0, column: 0, start: 0 };
  cut.forEach(({ text, tokens, hits }, column) => {
    // Sentence starts: the first word, and each word after whitespace that follows '.' or ':'.
    const sentences = tokens.flatMap((token, position) => {
      if (position === 0) return [0];
      let i = token.start - 1;
      while (i >= 0 && ' \t\n\r'.includes(text[i]!)) i -= 1;
      return i !== token.start - 1 && (text[i] === '.' || text[i] === ':') ? [position] : [];
    });
    for (const hit of hits) {
      const atHit = score(hits, hit.position, tokens.length);
      if (atHit.total > best.total) best = { total: atHit.total, column, start: atHit.start };
      if (sentences.length > 0 && tokens.length > SNIPPET_WORDS) {
        let j = 0;
        while (j < sentences.length - 1 && sentences[j + 1]! <= hit.position) j += 1;
        const sentence = sentences[j]!;
        if (sentence < hit.position) {
          const total = score(hits, sentence, tokens.length).total + (sentence === 0 ? 120 : 100);
          if (total > best.total) best = { total, column, start: sentence };
        }
      }
    }
  });

  const { text, tokens, hits } = cut[best.column]!;
  const matched = new Set(hits.map((hit) => hit.position));
  const endPosition = best.start + SNIPPET_WORDS - 1;
  let out = best.start > 0 ? ELLIPSIS : '';
  let offset = best.start > 0 ? tokens[best.start]!.start : 0;
  for (let position = best.start; position <= endPosition && position < tokens.length; position += 1) {
    const token = tokens[position]!;
    const word = text.slice(token.start, token.end);
    out += text.slice(offset, token.start) + (matched.has(position) ? `${SEARCH_MARK.start}${word}${SEARCH_MARK.end}` : word);
    offset = token.end;
  }
  return out + (endPosition >= tokens.length - 1 ? text.slice(offset) : ELLIPSIS);
}

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
