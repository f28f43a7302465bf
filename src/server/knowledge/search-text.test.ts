import { describe, expect, it } from 'vitest';
import { random } from '../../../bench/knowledge-corpus.ts';
import { allowedEdits, bodySnippet, editDistance, foldForMatching, indexTokens, normalizeText, OPENING_LENGTH, openingSnippet, queryTokens, queryWords, snippet, snippetOpening, snippetText, vocabularyWords } from './search-text.ts';

const matches = (document: string, query: string) => {
  const stored = new Set(indexTokens(document));
  const wanted = queryTokens(query);
  return wanted.length > 0 && wanted.every((t) => stored.has(t));
};

describe('knowledge search text', () => {
  it('folds hiragana and katakana together, in the index and in queries alike', () => {
    expect(foldForMatching('らいせんす')).toBe('ライセンス');
    expect(foldForMatching('ﾃｽﾄ と ＴＥＳＴ')).toBe('テスト ト test');
    expect(matches('ライセンスの更新', 'らいせんす')).toBe(true);
    expect(matches('らいせんすの更新', 'ライセンス')).toBe(true);
    // Kana mixed in one run, as typed before conversion: each pair is folded, not only whole words.
    expect(matches('ライセンスの更新', 'らいせんすの')).toBe(true);
    expect(matches('ヴァージョン', 'ゔぁーじょん')).toBe(true);
    expect(queryWords('ﾗｲｾﾝｽ の Update')).toEqual(['ライセンス', 'ノ', 'update']);
  });

  it('highlights the words searched whole, never a fragment of another word', () => {
    const marked = (text: string, query: string) => snippet(text, queryWords(query)).filter((part) => part.match).map((part) => part.text);
    // ライセンス's pairs include ンス, which インストール holds too: only the word itself is marked.
    expect(marked('インストールの後、ライセンスを更新します。', 'ライセンス')).toEqual(['ライセンス']);
    expect(marked('インストールの後、ライセンスを更新します。', 'らいせんす')).toEqual(['ライセンス']);
    expect(marked('ぱすわーどは十二文字以上です。', 'パスワード')).toEqual(['ぱすわーど']);
    expect(marked('インストールの手順', 'ライセンス')).toEqual([]);
    // A Latin word is marked where it stands alone, not inside a longer word.
    expect(marked('Update the runtime, then run it.', 'run')).toEqual(['run']);
    expect(marked('Run the RUNTIME', 'run')).toEqual(['Run']);
    expect(bodySnippet('## Runtime\n\nFirst install, then **run** the license tool.', ['run', 'license']).filter((part) => part.match).map((part) => part.text)).toEqual(['run', 'license']);
  });

  it('folds full-width, half-width and letter case together', () => {
    expect(normalizeText('ＬＤＫ')).toBe('ldk');
    expect(normalizeText('ﾊﾟｽﾜｰﾄﾞ')).toBe('パスワード');
    expect(matches('Sentinel LDK のインストール', 'ＬＤＫ')).toBe(true);
    expect(matches('パスワードのリセット', 'ﾊﾟｽﾜｰﾄﾞ')).toBe(true);
    expect(matches('Resetting the PASSWORD', 'password')).toBe(true);
  });

  it('finds a Japanese word inside a longer run without spaces', () => {
    expect(matches('パスワードのリセット', 'パスワード')).toBe(true);
    expect(matches('パスワードのリセット', 'リセット')).toBe(true);
    expect(matches('ライセンスが見つかりません', '見つ')).toBe(true);
    expect(matches('ライセンスが見つかりません', '鍵')).toBe(false);
    expect(matches('パスワードのリセット', 'パスポート')).toBe(false);
  });

  it('finds a single kanji', () => {
    expect(matches('鍵の交換', '鍵')).toBe(true);
  });

  it('keeps Latin words whole', () => {
    expect(matches('license manager', 'licen')).toBe(false);
    expect(matches('license manager', 'manager license')).toBe(true);
  });

  it('turns query syntax and symbols into nothing or plain words', () => {
    expect(queryTokens('"*" OR NEAR( \'; drop table articles; --')).toEqual(['or', 'near', 'drop', 'table', 'articles']);
    expect(queryTokens('!!! ??? *** ---')).toEqual([]);
    expect(queryTokens('x'.repeat(10_000))).toHaveLength(1);
    expect(queryTokens('a b c d e f g h i j k l m n o p q r s t u v w x y z')).toHaveLength(24);
  });

  it('counts wrong, missing, extra and swapped letters as one edit each, and stops early', () => {
    expect(editDistance('password', 'password', 2)).toBe(0);
    expect(editDistance('pasword', 'password', 1)).toBe(1);
    expect(editDistance('passwrod', 'password', 1)).toBe(1);
    expect(editDistance('passwordd', 'password', 1)).toBe(1);
    expect(editDistance('configuraton', 'configuration', 2)).toBe(1);
    expect(editDistance('confgiuraton', 'configuration', 2)).toBe(2);
    expect(editDistance('license', 'silence', 1)).toBe(2);
    expect(editDistance('dongle', 'configuration', 2)).toBe(3);
  });

  it('corrects English words of four letters or more, never Japanese, digits or short words', () => {
    expect(['log', 'ldks', 'pasword', 'passwords', 'パスワード', 'ld2k'].map(allowedEdits)).toEqual([0, 1, 1, 2, 0, 0]);
    expect([...vocabularyWords(indexTokens('The LDK 10.2 パスワード license license'))]).toEqual(['the', 'ldk', 'license']);
  });

  it('cuts a snippet around the first match with the matches marked', () => {
    const parts = snippet(snippetText('最初に説明があります。次に、ﾊﾟｽﾜｰﾄﾞのリセット方法を説明します。'), queryTokens('パスワード'));
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['パスワード']);
    expect(parts.map((p) => p.text).join('')).toContain('パスワードのリセット');
  });

  it('shows the text as written, its letter case kept and its Markdown marks removed, while finding the words in any case and width', () => {
    const text = snippetText('If you **forgot** your Password, choose [Forgot password?](https://example.com/reset) on the _login_ page.\n\n# ＬＤＫ keys\n\n- Renew the ＬＤＫ key');
    expect(text).toBe('If you forgot your Password, choose Forgot password? on the login page. LDK keys Renew the LDK key');
    expect(snippet(text, queryTokens('PASSWORD ldk'))).toEqual([
      { text: 'If you forgot your ', match: false },
      { text: 'Password', match: true },
      { text: ', choose Forgot ', match: false },
      { text: 'password', match: true },
      { text: '? on the login page. ', match: false },
      { text: 'LDK', match: true },
      { text: ' keys Renew the ', match: false },
      { text: 'LDK', match: true },
      { text: ' key', match: false },
    ]);
    expect(snippet(snippetText('**重要**: ﾊﾟｽﾜｰﾄﾞを変更します。'), queryTokens('パスワード'))).toEqual([
      { text: '重要: ', match: false },
      { text: 'パスワード', match: true },
      { text: 'を変更します。', match: false },
    ]);
    // Lower-casing İ makes two characters of one: the lower-cased text is shown, so the marks still fit.
    expect(snippet(snippetText('İstanbul office: license server'), queryTokens('license'))).toEqual([
      { text: 'i̇stanbul office: ', match: false },
      { text: 'license', match: true },
      { text: ' server', match: false },
    ]);
  });

  it('marks a passage cut from inside a text with an ellipsis at each cut end, and joins overlapping and adjacent matches', () => {
    const text = snippetText(`${'前置きの文章です。'.repeat(20)}ここでパスワードとパスワードを変更します。${'後書きの文章です。'.repeat(40)}`);
    expect(snippet(text, queryTokens('パスワード 変更'))).toEqual([
      { text: `…${text.slice(text.indexOf('パスワード') - 53, text.indexOf('パスワード'))}`, match: false },
      { text: 'パスワード', match: true },
      { text: 'と', match: false },
      { text: 'パスワード', match: true },
      { text: 'を', match: false },
      { text: '変更', match: true },
      { text: `${text.slice(text.indexOf('変更') + 2, text.indexOf('パスワード') - 53 + 160)}…`, match: false },
    ]);
    // A short text shown whole has no ellipsis at either end.
    expect(snippet(snippetText('パスワードの変更'), queryTokens('パスワード'))).toEqual([
      { text: 'パスワード', match: true },
      { text: 'の変更', match: false },
    ]);
  });

  it('cuts the same snippet from the opening of a text as from the whole, or says the opening does not hold it', () => {
    const text = snippetText(`${'前置きの文章です。'.repeat(20)}ここでパスワードを変更します。${'後書きの文章です。'.repeat(40)}`);
    const tokens = queryTokens('パスワード');
    expect(openingSnippet(text.slice(0, 400), tokens)).toEqual(snippet(text, tokens));
    // The match too near the end of the opening for a whole passage, or beyond it.
    expect(openingSnippet(text.slice(0, 200), tokens)).toBeNull();
    expect(openingSnippet(text.slice(0, 150), tokens)).toBeNull();
  });

  it('makes every run of white space one space, of any kind and length', () => {
    const rnd = random(11);
    const pieces = ['a', 'ｂ', ' ', '  ', '\n', '\t', '\u3000', '\u00a0', '\r\n', '\u2028'];
    for (let n = 0; n < 2_000; n++) {
      const text = Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => pieces[Math.floor(rnd() * pieces.length)]!).join('');
      expect(snippetText(text)).toBe(normalizeText(text).replace(/\s+/g, ' '));
    }
  });

  it('cuts the same snippet from the start of a long body as from all of it, wherever the match lies', () => {
    const tokens = queryTokens('ﾗｲｾﾝｽ server');
    // Matches at the start, past the first start read, across where one start ends, far in, at the very end, and nowhere.
    for (const at of [0, 7_000, 8 * OPENING_LENGTH - 3, 30_000, 60_000, -1]) {
      const filler = 'Ｆｉｌｌｅｒ   text\n'.repeat(3_000);
      const body = at < 0 ? filler : `${filler.slice(0, at)}ライセンス${filler.slice(at)}`;
      expect(bodySnippet(body, tokens)).toEqual(snippet(snippetText(body), tokens));
    }
    expect(bodySnippet('short ライセンス body', tokens)).toEqual(snippet(snippetText('short ライセンス body'), tokens));
  });

  it('removes the Markdown marks around a match far into a long body, a heading or list item whose line starts before the match too', () => {
    const filler = 'Some *filler* text.\n'.repeat(400);
    const tokens = queryTokens('license');
    expect(bodySnippet(`${filler}# License server\n\n- Renew the **license** at [the portal](https://example.com/license-portal).\n${filler}`, tokens)).toEqual([
      { text: '…ome filler text. Some filler text. Some filler text. ', match: false },
      { text: 'License', match: true },
      { text: ' server Renew the ', match: false },
      { text: 'license', match: true },
      { text: ' at the portal. Some filler text. Some filler text. Some filler text. Some …', match: false },
    ]);
    // A line that starts long before the match is cut inside it.
    const paragraph = `${'word '.repeat(300)}**license** ${'word '.repeat(300)}`;
    expect(bodySnippet(`${filler}${paragraph}\n${filler}`, tokens)).toEqual(snippet(snippetText(`${filler}${paragraph}\n${filler}`), tokens));
  });

  it('keeps the opening of a body as snippets read it, the same from a body as from its start', () => {
    const body = `Ｔｈｅ  LICENSE\n\nserver ${'word '.repeat(OPENING_LENGTH)}`;
    const opening = snippetOpening(body, body.length);
    expect(opening.whole).toBe(false);
    expect(opening.text).toBe(snippetText(body).slice(0, OPENING_LENGTH));
    expect(snippetOpening(body.slice(0, 2 * OPENING_LENGTH), body.length)).toEqual(opening);
    // Japanese takes two bytes a character: half as many are kept, the same memory.
    const japanese = `ﾊﾟｽﾜｰﾄﾞ ${'パスワードの変更。'.repeat(OPENING_LENGTH)}`;
    expect(snippetOpening(japanese, japanese.length)).toEqual({ text: snippetText(japanese).slice(0, OPENING_LENGTH / 2), whole: false });
    const shortJapanese = 'パスワード'.repeat(OPENING_LENGTH / 10);
    expect(snippetOpening(shortJapanese, shortJapanese.length)).toEqual({ text: shortJapanese, whole: true });
    // Folding and white space make a short body's text shorter still: it is whole.
    expect(snippetOpening('Short   body', 12)).toEqual({ text: 'Short body', whole: true });
    // Runs of spaces longer than the opening: what is read is not all the body, so not whole.
    const spaced = `a${' '.repeat(3 * OPENING_LENGTH)}b`;
    expect(snippetOpening(spaced, spaced.length)).toEqual({ text: 'a ', whole: false });
  });
});
