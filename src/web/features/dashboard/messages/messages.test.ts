import { describe, expect, it } from 'vitest';
import en from './en.json';
import ja from './ja.json';

type Tree = { [key: string]: string | Tree };
const keys = (tree: Tree, prefix = ''): string[] => Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`)));
const values = (tree: Tree): string[] => Object.values(tree).flatMap((value) => (typeof value === 'string' ? [value] : values(value)));

describe('the dashboard’s messages', () => {
  it('has every English message in Japanese too, and nothing more', () => {
    // Japanese has no plural forms: i18next reads only `_other` there.
    expect(keys(ja).sort()).toEqual(keys(en).filter((key) => !key.endsWith('_one')).sort());
  });

  it('leaves no message empty', () => {
    expect([...values(en), ...values(ja)].filter((value) => value.trim() === '')).toEqual([]);
  });
});
