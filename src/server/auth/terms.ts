import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database, Language } from '../db/schema.ts';
import { readSettings, SETTING_KEYS } from '../lib/settings.ts';

/** Sample terms, shipped until an administrator sets the vendor's own on the settings page (which asks for it). */
export const DEFAULT_TERMS_VERSION = '1';

export const DEFAULT_TERMS: Record<Language, string> = {
  en: [
    'Terms of use of the Customer Support Portal',
    '',
    '1. The portal is for staff of our customers to obtain support for products they have licensed.',
    '2. Keep your password and your second factor to yourself. Every action taken under your login is treated as yours.',
    '3. Do not upload personal data or secrets that the support engineers do not need to solve your case.',
    '4. We keep the information you enter to provide support and to improve our products and services.',
    '5. We may change these terms; you will be asked to accept a new version at your next login.',
  ].join('\n'),
  ja: [
    'カスタマーサポートポータル利用規約',
    '',
    '1. 本ポータルは、製品をご契約いただいたお客様の担当者がサポートを受けるためのものです。',
    '2. パスワードおよび二要素認証の手段は第三者と共有しないでください。お客様のログインで行われた操作は、お客様ご本人による操作とみなします。',
    '3. ケースの解決に必要のない個人情報や機密情報はアップロードしないでください。',
    '4. 入力いただいた情報は、サポートの提供および製品・サービスの改善のために保管します。',
    '5. 本規約は変更されることがあります。その場合は、次回ログイン時に新しい版への同意をお願いします。',
  ].join('\n'),
};

const textKeys = { en: SETTING_KEYS.termsTextEn, ja: SETTING_KEYS.termsTextJa } as const satisfies Record<Language, string>;

/** The terms in force: every sign-in whose accepted version differs stops at the terms step. */
export async function currentTerms(db: Db, language: Language): Promise<{ version: string; text: string }> {
  const all = await allCurrentTerms(db);
  return { version: all.version, text: all.texts[language] };
}

/** The version and the text in every language, as the settings page edits them. */
export async function allCurrentTerms(executor: Db | Transaction<Database>): Promise<{ version: string; texts: Record<Language, string>; sample: boolean }> {
  const stored = await readSettings(executor, [SETTING_KEYS.termsVersion, textKeys.en, textKeys.ja]);
  return {
    version: stored.get(SETTING_KEYS.termsVersion) ?? DEFAULT_TERMS_VERSION,
    texts: { en: stored.get(textKeys.en) ?? DEFAULT_TERMS.en, ja: stored.get(textKeys.ja) ?? DEFAULT_TERMS.ja },
    sample: stored.size === 0,
  };
}
