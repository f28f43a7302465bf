import type { HelpContent } from './content.ts';

/**
 * The help text in the viewer's language (English when there is none in it), each language a chunk
 * of its own fetched only by Portal Help: the help is long, and a page shows one language.
 */
export function loadHelpContent(language: string): Promise<HelpContent> {
  return language.startsWith('ja') ? import('./content.ja.ts').then((module) => module.helpJa) : import('./content.en.ts').then((module) => module.helpEn);
}
