/**
 * One Japanese word for one thing, in every page (ja.json), Portal Help (help/content.ja.ts) and
 * Japanese mail (server/**\/*.emails.ts). The original user guide's words win where it has one
 * (コンタクト for the customer's people, 利用者登録, 承認者). glossary.test.ts fails when a
 * forbidden variant appears outside the phrases allowed for it.
 */
export type GlossaryTerm = {
  /** What the word names, in English as the English UI says it. */
  concept: string;
  /** The one Japanese word for it. */
  ja: string;
  /** Words that must not stand for it (nor, where they mean something else, for anything). */
  forbidden: string[];
  /** Longer phrases holding a forbidden word that mean something else and stay. */
  allowed?: string[];
  why: string;
};

export const GLOSSARY: GlossaryTerm[] = [
  {
    concept: 'contact (a person of a customer account)',
    ja: 'コンタクト',
    forbidden: ['連絡先', '担当窓口', 'お客様担当者'],
    why: 'The guide calls the customer’s people コンタクト; 連絡先 reads as contact details and 担当者 is the assignee.',
  },
  {
    concept: 'contact details of the support desk ("Contact Us")',
    ja: 'お問い合わせ先',
    forbidden: ['コンタクト先'],
    why: 'Kept apart from the contact person; the page itself is 「お問い合わせ」.',
  },
  {
    concept: 'assignee (the agent a case is assigned to)',
    ja: '担当者',
    forbidden: ['アサイン先', '割当先', '担当エージェント'],
    allowed: ['ご担当者さま', 'サポート担当者'],
    why: '担当者 means only the assignee (and, as サポート担当者, the vendor’s agents); a customer’s person is a コンタクト.',
  },
  {
    concept: 'second factor',
    ja: '二要素認証',
    forbidden: ['2要素認証', '２要素認証', '2段階認証', '二段階認証', '2FA'],
    why: 'One spelling, in kanji numerals, as the UI has used from the start.',
  },
  {
    concept: 'work note',
    ja: '作業メモ',
    forbidden: ['ワークノート', '社内メモ', '内部メモ'],
    why: 'The agent workspace calls internal notes 作業メモ (社内作業メモ where the audience matters).',
  },
  {
    concept: 'knowledge article',
    ja: 'ナレッジ記事',
    forbidden: ['KB記事', 'ナレッジ文書', 'FAQ記事'],
    why: 'ナレッジベース holds ナレッジ記事, or 記事 where the context is clear.',
  },
  {
    concept: 'customer (the vendor’s customer)',
    ja: 'お客様',
    forbidden: ['顧客', 'お客さま', 'カスタマー様'],
    allowed: ['カスタマーサポートポータル'],
    why: 'The polite form the pages and mails use for the vendor’s customers.',
  },
  {
    concept: 'user (a person who signs in)',
    ja: '利用者',
    forbidden: ['ユーザー', 'ユーザ'],
    why: 'The guide’s 利用者登録 and 利用者ガイド.',
  },
  {
    concept: 'accept (a proposed solution)',
    ja: '承認',
    forbidden: ['承諾'],
    why: 'The button is 「解決策を承認」; mails name it the same.',
  },
  {
    concept: 'case',
    ja: 'ケース',
    forbidden: ['チケット', 'インシデント'],
    why: 'The guide and the portal speak of ケース.',
  },
];
