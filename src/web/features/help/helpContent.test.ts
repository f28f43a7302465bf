import { describe, expect, it } from 'vitest';
import enFrame from '../../i18n/frame/en.json';
import enPages from '../../i18n/pages/en.json';
import { labelKeys, type HelpContent } from './content.ts';
import { helpEn } from './content.en.ts';
import { helpJa } from './content.ja.ts';

function texts(content: HelpContent): string[] {
  return [
    content.intro,
    ...content.sections.flatMap((section) => [
      section.title,
      ...section.blocks.flatMap((block) => (block.kind === 'ul' || block.kind === 'ol' ? block.items : [block.text])),
    ]),
  ];
}

function hasKey(key: string): boolean {
  let node: unknown = { ...enFrame, ...enPages };
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

describe('Portal Help', () => {
  it('has the same sections, in the same order, in English and Japanese', () => {
    expect(helpJa.sections.map((section) => section.id)).toEqual(helpEn.sections.map((section) => section.id));
  });

  it('names only screen labels that exist', () => {
    const missing = [...texts(helpEn), ...texts(helpJa)].flatMap(labelKeys).filter((key) => !hasKey(key));
    expect(missing).toEqual([]);
  });

  it('gives every section a unique id usable in a link', () => {
    const ids = helpEn.sections.map((section) => section.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z-]*$/);
  });
});
