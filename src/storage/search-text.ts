/**
 * Words and snippets for full-text search, cut exactly as SQLite's FTS5 cuts them
 * (unicode61, remove_diacritics 2; snippet(..., 24)). The MongoDB adapter matches with them, and
 * both adapters build snippets with them, so a search shows the same words marked the same way on
 * either store.
 */
import { SEARCH_MARK } from './discussion-ports';

/** Query words searched for, as FTS5's toFtsQuery keeps them. */
export const MAX_QUERY_WORDS = 12;
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
