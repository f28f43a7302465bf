import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GLOSSARY } from './glossary.ts';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** Every Japanese string of a messages file, by its key. */
function jsonStrings(value: unknown, key = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[key, value]];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => jsonStrings(v, key ? `${key}.${k}` : k));
  return [];
}

/** Lines of a source file holding Japanese: Portal Help's text and the mails' Japanese templates. */
const japaneseLines = (file: string): Array<[string, string]> =>
  read(file)
    .split('\n')
    .flatMap((line, i) => (/[\u3040-\u30ff\u4e00-\u9fff]/.test(line) ? [[`${file}:${i + 1}`, line] as [string, string]] : []));

const texts: Array<[string, string]> = [
  ...['frame', 'pages', 'dashboard'].flatMap((part) => jsonStrings(JSON.parse(read(`web/i18n/${part}/ja.json`))).map(([key, text]): [string, string] => [`ja.json ${key}`, text])),
  ...japaneseLines('web/features/help/content.ja.ts'),
  ...fs
    .readdirSync(path.join(root, 'server'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.emails.ts') || file === path.join('lib', 'mail.ts'))
    .flatMap((file) => japaneseLines(path.join('server', file))),
];

describe('the Japanese glossary', () => {
  it('reads every Japanese text: pages, Portal Help and mails', () => {
    expect(texts.filter(([where]) => where.startsWith('ja.json')).length).toBeGreaterThan(800);
    expect(texts.some(([where]) => where.includes('content.ja.ts'))).toBe(true);
    expect(texts.some(([where]) => where.includes('cases.emails.ts'))).toBe(true);
  });

  it.each(GLOSSARY)('says $ja for $concept, never a variant', ({ forbidden, allowed = [] }) => {
    const found = texts.flatMap(([where, text]) => {
      const rest = allowed.reduce((remaining, phrase) => remaining.split(phrase).join('・'), text);
      return forbidden.filter((word) => rest.includes(word)).map((word) => `${where}: ${word} in ${text.trim().slice(0, 80)}`);
    });
    expect(found).toEqual([]);
  });
});
