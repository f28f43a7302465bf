/** A person's name parts as stored: given name and family name. */
export type NameParts = { firstName: string; lastName: string };

/**
 * A name as the reader's language writes it: family name first in Japanese (山田 太郎), given name
 * first in English (Taro Yamada). Pages and mails use this one rule, so a name reads the same in both.
 */
export function personName(name: NameParts, language: string): string {
  const parts = language === 'ja' ? [name.lastName, name.firstName] : [name.firstName, name.lastName];
  return parts.filter(Boolean).join(' ').trim();
}
