import type { HelpContent } from './content.ts';
import { helpEn } from './content.en.ts';
import { helpJa } from './content.ja.ts';

/** The help text in the viewer's language; English when there is none in it. */
export function helpContent(language: string): HelpContent {
  return language.startsWith('ja') ? helpJa : helpEn;
}
