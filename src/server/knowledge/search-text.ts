import removeMarkdown from 'remove-markdown';

/**
 * Text normalisation and tokens for knowledge search, the same for indexing and for queries and for
 * both databases. NFKC folds full-width and half-width forms (ＬＤＫ → LDK, ﾊﾟｽﾜｰﾄﾞ → パスワード);
 * lower-casing folds letter case; hiragana is folded to katakana, so らいせんす finds ライセンス
 * and back. Japanese has no spaces between words, so runs of kana and kanji
 * become overlapping character pairs (bigrams) plus single characters: a word anywhere inside a
 * longer run is found by the pairs it is made of. Latin words stay whole words.
 */

export const QUERY_MAX_CHARACTERS = 200;
export const QUERY_MAX_TOKENS = 24;

export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

const HIRAGANA = /[\u3041-\u3096\u309d\u309e]/g;
const asKatakana = (ch: string) => String.fromCharCode(ch.charCodeAt(0) + 0x60);

/**
 * What search matches on, here and in My Cases (cases.search_text): widths and case folded as
 * normalizeText folds them, and hiragana as katakana, so ﾃｽﾄ, テスト and てすと are one word. The
 * kana step keeps every character where it was (one UTF-16 unit for one), so positions found in a
 * folded text stand in the text as written. Changing it changes the stored index: move
 * SEARCH_FOLDING_VERSION (reindex.job.ts) with it.
 */
export function foldForMatching(text: string): string {
  return normalizeText(text).replace(HIRAGANA, asKatakana);
}

/** Letter case and kana folded as foldForMatching folds them, position for position, for a snippet text (already NFKC). */
function foldKeepingPlaces(text: string): string {
  return text.toLowerCase().replace(HIRAGANA, asKatakana);
}

const CJK_CHARS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}ー々〆ヵヶ';
const CJK = new RegExp(`[${CJK_CHARS}]`, 'u');
// A word character of any script; everything else separates tokens (and so no FTS syntax survives).
const WORD_CHARS = '\\p{L}\\p{N}ー々';
// A run of word characters that are Japanese, or a run of word characters that are not. One
// regular expression over the text, not a test per character: indexing 100,000 articles tokenises
// 130 million characters.
const RUN = new RegExp(`((?:(?=[${WORD_CHARS}])[${CJK_CHARS}])+)|((?:(?![${CJK_CHARS}])[${WORD_CHARS}])+)`, 'gu');

type Run = { text: string; cjk: boolean };

function runs(normalized: string): Run[] {
  const result: Run[] = [];
  for (const match of normalized.matchAll(RUN)) result.push({ text: match[0], cjk: match[1] !== undefined });
  return result;
}

function bigrams(text: string): string[] {
  const chars = [...text];
  if (chars.length === 1) return chars;
  const pairs: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) pairs.push(chars[i]! + chars[i + 1]!);
  return pairs;
}

/** The tokens stored for a text: Latin words, and for Japanese both single characters and pairs. */
export function indexTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const run of runs(foldForMatching(text))) {
    if (!run.cjk) tokens.push(run.text);
    else tokens.push(...[...run.text], ...bigrams(run.text));
  }
  return tokens;
}

/**
 * The tokens a query must all match (AND): Latin words, and for a Japanese run its pairs (or the
 * single character). Anything that is not a letter or digit is dropped, so `"`, `*`, `OR`-free
 * punctuation, `NEAR(` and `'; drop` reach the database only as harmless words or not at all.
 */
export function queryTokens(query: string): string[] {
  const text = foldForMatching(query.slice(0, QUERY_MAX_CHARACTERS * 2)).slice(0, QUERY_MAX_CHARACTERS);
  const tokens: string[] = [];
  for (const run of runs(text)) tokens.push(...(run.cjk ? bigrams(run.text) : [run.text]));
  return [...new Set(tokens)].slice(0, QUERY_MAX_TOKENS);
}

/**
 * The query's words whole, folded as the index folds: Latin words, and each Japanese run as typed.
 * Snippets highlight these, so searching ライセンス marks ライセンス and not the ンス of インストール,
 * which the pairs the index matches by (ライ, イセ, セン, ンス) would.
 */
export function queryWords(query: string): string[] {
  const text = foldForMatching(query.slice(0, QUERY_MAX_CHARACTERS * 2)).slice(0, QUERY_MAX_CHARACTERS);
  return [...new Set(runs(text).map((run) => run.text))].slice(0, QUERY_MAX_TOKENS);
}

// Spelling: only words of letters outside Japanese are kept and corrected; digits, codes and
// Japanese pairs are matched exactly.
const VOCABULARY_WORD = /^[\p{L}]{3,40}$/u;

/** The distinct words of a text that go into the spelling vocabulary. */
export function vocabularyWords(tokens: string[]): Set<string> {
  return new Set(tokens.filter((token) => VOCABULARY_WORD.test(token) && !CJK.test(token)));
}

/** How many edits a query word may be away from a word it is corrected to: none below 4 letters. */
export function allowedEdits(word: string): number {
  if (!VOCABULARY_WORD.test(word) || CJK.test(word)) return 0;
  const length = [...word].length;
  return length < 4 ? 0 : length < 8 ? 1 : 2;
}

/**
 * Edit distance with adjacent transpositions counted as one edit (optimal string alignment): the
 * typing mistakes people make are a wrong, a missing, an extra or two swapped letters. Gives up
 * and returns max + 1 as soon as the distance must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) value = Math.min(value, previous2[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[y.length]!;
}

export type SnippetPart = { text: string; match: boolean };

const SNIPPET_LENGTH = 160;

const LATIN_WORD_CHAR = new RegExp(`(?![${CJK_CHARS}])[${WORD_CHARS}]`, 'u');
const latinWordAt = (text: string, at: number) => at >= 0 && at < text.length && LATIN_WORD_CHAR.test(text[at]!);

/**
 * Where `needle` next lies in `folded` from `from`, as a word of its own: a Latin word not inside a
 * longer one (searching run marks no part of runtime); Japanese, written without spaces, wherever
 * it stands. -1 if nowhere.
 */
function indexOfWord(folded: string, needle: string, from = 0): number {
  const japanese = CJK.test(needle);
  for (let at = folded.indexOf(needle, from); at >= 0; at = folded.indexOf(needle, at + 1)) {
    if (japanese || (!latinWordAt(folded, at - 1) && !latinWordAt(folded, at + needle.length))) return at;
  }
  return -1;
}

/** Where the first of the needles lies in `folded` (a folded snippet text), or -1. */
function firstMatch(folded: string, needles: string[]): number {
  let first = -1;
  for (const needle of needles) {
    const at = indexOfWord(folded, needle);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  return first;
}

// Runs of white space other than a lone space: replacing every space by itself took 10 µs of the
// 16 µs that making an English body of 1,500 characters a snippet text cost.
const SPACE_TO_JOIN = /[^\S ]\s*| \s+/g;

/**
 * A text as snippets show it: plain text, with the Markdown marks of an article's body removed
 * (`**`, `#`, `[text](address)` shows `text`), full-width and half-width forms folded as the index
 * folds them, and every run of white space one space. Letter case is kept; matching folds it.
 */
export function snippetText(text: string): string {
  return removeMarkdown(text, { gfm: true, useImgAltText: true }).normalize('NFKC').replace(SPACE_TO_JOIN, ' ');
}

/**
 * `text` folded for finding the (folded) words in it, and the text to show, whose characters stand
 * where the folded ones do. Where lower-casing changes a length (`İ`), the lower-cased text is
 * shown, as positions would not line up.
 */
function caseFolded(text: string): { shown: string; folded: string } {
  const folded = foldKeepingPlaces(text);
  return { shown: folded.length === text.length ? text : text.toLowerCase(), folded };
}

type Passage = { shown: string; folded: string; needles: string[]; first: number; start: number };

/** Where a passage of `length` around the first match of `text` starts: a third of it before the match, or at the start of the text. */
function placePassage(text: string, tokens: string[], length: number): Passage {
  const needles = needlesOf(tokens);
  const { shown, folded } = caseFolded(text);
  const first = firstMatch(folded, needles);
  return { shown, folded, needles, first, start: first < 0 ? 0 : Math.max(0, first - Math.floor(length / 3)) };
}

/**
 * Characters of a body's snippet text kept for cutting snippets without reading the body (see
 * snippetOpening): this many of a text held in one byte a character (Latin letters), half as many of
 * one that needs two (Japanese), so an opening costs the same memory in either language. Most
 * English bodies of the benchmark (median 1,267 characters) are then whole in their opening.
 */
export const OPENING_LENGTH = 1600;

const ONE_BYTE = /^[\0-\xff]*$/;

export type SnippetOpening = { text: string; whole: boolean };

/**
 * The first `OPENING_LENGTH` characters of a body's snippet text (half as many if they do not all
 * fit one byte), and whether that is all of it. `start` is the body, or at least its first twice
 * `OPENING_LENGTH` characters, of `bodyLength`: folding can lengthen a character and joining white
 * space shortens runs of it, and the twice as many leave room for both. The text is a copy of its
 * own, so keeping it keeps nothing of the body (a slice would hold on to the whole folded text).
 */
export function snippetOpening(start: string, bodyLength: number): SnippetOpening {
  const read = Math.min(bodyLength, 2 * OPENING_LENGTH);
  const folded = snippetText(start.slice(0, read));
  const length = ONE_BYTE.test(folded.slice(0, OPENING_LENGTH)) ? OPENING_LENGTH : OPENING_LENGTH / 2;
  const whole = read === bodyLength && folded.length <= length;
  return { text: structuredClone(folded.slice(0, length)), whole };
}

let lastTokens: string[] | null = null;
let lastNeedles: string[] = [];
/**
 * The tokens to look for, longest first. A results page cuts every snippet with the same tokens
 * array, so the last one's needles are reused while it is the same array, not filtered and sorted
 * again for each of its twenty articles.
 */
function needlesOf(tokens: string[]): string[] {
  if (tokens !== lastTokens) {
    lastNeedles = tokens.filter(Boolean).sort((a, b) => b.length - a.length);
    lastTokens = tokens;
  }
  return lastNeedles;
}

/**
 * A short passage of `text` (a snippet text) around the first match, cut into plain parts and
 * matched parts, so the page can highlight without any HTML coming from the article.
 */
export function snippet(text: string, tokens: string[], options: { length?: number; inside?: boolean; more?: boolean } = {}): SnippetPart[] {
  const length = options.length ?? SNIPPET_LENGTH;
  const passage = placePassage(text, tokens, length);
  const { start } = passage;
  // `inside`: the text is from inside a longer one; `more`: it is the opening of a longer one.
  return cut(passage, length, options.inside === true || start > 0, options.more === true || start + length < text.length);
}

/**
 * The same snippet from the opening of a longer snippet text, or null when the opening does not
 * hold a match with a whole passage around it. A results page cuts its snippets from openings kept
 * in memory; a body is read only for the articles whose words are all further in.
 */
export function openingSnippet(opening: string, tokens: string[], length = SNIPPET_LENGTH): SnippetPart[] | null {
  const passage = placePassage(opening, tokens, length);
  // Short of the very end: the opening may stop inside a character's combining marks.
  if (passage.first < 0 || passage.start + length >= opening.length) return null;
  return cut(passage, length, passage.start > 0, true);
}

/** Characters of a body kept before and after its first match when a snippet is cut from the body. */
const BODY_WINDOW = 200;

/**
 * `snippet(snippetText(body), tokens)` for a body read because its words lie beyond its opening,
 * without making all of it snippet text: removing Markdown marks costs ~10 µs a thousand
 * characters, which for the long bodies two English words read was more than the rest of a
 * search. The first match is found in the body's folded text — of longer and longer starts of a
 * long body, four times as long each time — and only the stretch around it becomes snippet text,
 * from the start of its line where that is near (Markdown marks a heading or a list item at the
 * start of a line) to the end of the line BODY_WINDOW characters after the match where that is near.
 */
export function bodySnippet(body: string, tokens: string[]): SnippetPart[] {
  const needles = needlesOf(tokens);
  let text = '';
  let first = -1;
  let whole = false;
  for (let read = 8 * OPENING_LENGTH; ; read *= 4) {
    whole = read >= body.length;
    text = (whole ? body : body.slice(0, read)).normalize('NFKC');
    first = firstMatch(foldKeepingPlaces(text), needles);
    if (whole || (first >= 0 && first + BODY_WINDOW < text.length)) break;
  }
  // No match to show (a word only in a link's address, say): the start of the body.
  if (first < 0) return snippet(snippetText(text.slice(0, 2 * OPENING_LENGTH)), tokens, { more: true });
  const before = Math.max(0, first - BODY_WINDOW);
  const lineStart = text.lastIndexOf('\n', before) + 1;
  const from = before - lineStart <= BODY_WINDOW ? lineStart : before;
  const after = first + BODY_WINDOW;
  const lineEnd = text.indexOf('\n', after);
  const to = lineEnd >= 0 && lineEnd - after <= BODY_WINDOW ? lineEnd : after;
  return snippet(snippetText(text.slice(from, to)), tokens, { inside: from > 0, more: !whole || to < text.length });
}

// Which characters of the passage being cut a token covers: marking them finds the stretches to
// highlight without a list of stretches to sort and merge. Reused, as nothing here runs concurrently.
let covered = new Uint8Array(1024);

/** The passage of `shown` from `start`, in parts, matched where a needle lies in the same stretch of `folded`; `before` and `more` put an ellipsis where text is left out. */
function cut({ shown, folded, needles, start }: Passage, length: number, before: boolean, more: boolean): SnippetPart[] {
  const passage = folded.slice(start, start + length);
  if (covered.length < passage.length) covered = new Uint8Array(passage.length);
  covered.fill(0, 0, passage.length);
  // Every stretch any word covers, so words side by side join up. Found in the whole folded text,
  // so a Latin word at the passage's edge is judged by the letters beyond it.
  const end = start + passage.length;
  for (const needle of needles) {
    for (let at = indexOfWord(folded, needle, Math.max(0, start - needle.length + 1)); at >= 0 && at < end; at = indexOfWord(folded, needle, at + 1)) {
      covered.fill(1, Math.max(at, start) - start, Math.min(at + needle.length, end) - start);
    }
  }
  const parts: SnippetPart[] = [];
  let text = before ? '…' : '';
  let from = 0;
  for (let i = 0; i <= passage.length; i++) {
    if (i < passage.length && covered[i] === covered[from]) continue;
    if (i > from) {
      if (covered[from] === 1) {
        if (text) parts.push({ text, match: false });
        parts.push({ text: shown.slice(start + from, start + i), match: true });
        text = '';
      } else text += shown.slice(start + from, start + i);
    }
    from = i;
  }
  if (more) text += '…';
  if (text) parts.push({ text, match: false });
  return parts;
}
