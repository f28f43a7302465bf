import { describe, expect, it } from 'vitest';
import { containsAllTokens, indexTokens, normalizeText, queryTokens, snippet } from './search-text.ts';

const matches = (document: string, query: string) => {
  const stored = new Set(indexTokens(document));
  const wanted = queryTokens(query);
  return wanted.length > 0 && wanted.every((t) => stored.has(t));
};

describe('knowledge search text', () => {
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

  it('tells whether a title holds every query token', () => {
    expect(containsAllTokens('パスワードのリセット手順', queryTokens('パスワード リセット'))).toBe(true);
    expect(containsAllTokens('Installing LDK', queryTokens('ldk runtime'))).toBe(false);
  });

  it('cuts a snippet around the first match with the matches marked', () => {
    const parts = snippet('最初に説明があります。次に、パスワードのリセット方法を説明します。', queryTokens('パスワード'));
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['パスワード']);
    expect(parts.map((p) => p.text).join('')).toContain('パスワードのリセット');
  });
});
