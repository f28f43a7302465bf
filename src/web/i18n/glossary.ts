/**
 * One Japanese word for one thing, in every page (i18n/*\/ja.json), Portal Help (help/content.ja.ts) and
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
    allowed: ['ご担当者さま'],
    why: '担当者 means only the assignee (ご担当者さま is the salutation of a mail to a desk); a customer’s person is a コンタクト, the vendor’s people サポートエージェント.',
  },
  {
    concept: 'agent (the vendor’s person who works cases)',
    ja: 'サポートエージェント',
    forbidden: ['サポートエンジニア', 'サポート担当者', '担当エージェント', 'オペレーター'],
    why: 'The guide’s サポートエージェント (エージェント where the vendor is clear, as the role on the Staff page); サポートスタッフ is all the vendor’s staff, administrators too.',
  },
  {
    concept: 'account (a customer organisation)',
    ja: 'アカウント',
    forbidden: ['取引先', '顧客企業', '契約企業', '組織アカウント'],
    why: 'The guide’s アカウント; 組織 describes it in prose, 会社名 is what a visitor types about themselves.',
  },
  {
    concept: 'account administrator (a contact role)',
    ja: 'アカウント管理者',
    forbidden: ['アカウントアドミン', 'アカウント管理人', '組織管理者', '顧客管理者'],
    why: 'The guide’s アカウント管理者; 管理者 alone is the vendor’s administrator.',
  },
  {
    concept: 'registration approver (a contact role)',
    ja: '登録承認者',
    forbidden: ['承認担当者', '承認権限者', '登録承認担当', '承認責任者'],
    why: 'The guide’s 登録承認者, 承認者 for short.',
  },
  {
    concept: 'Customer Identifier',
    ja: 'Customer Identifier',
    forbidden: ['カスタマー識別子', '顧客識別子', '顧客ID', 'カスタマーID', 'お客様ID', 'お客様番号'],
    why: 'The guide keeps the English name the portal shows and the vendor says on the phone.',
  },
  {
    concept: 'comment (a message on a case)',
    ja: 'コメント',
    forbidden: ['書き込み', '投稿', '追記事項'],
    why: 'The guide’s コメント; 返信 is the act of answering the customer, 作業メモ the internal kind.',
  },
  {
    concept: 'solution (what an agent proposes to resolve a case)',
    ja: '解決策',
    forbidden: ['ソリューション', '解決案', '回答案', '解決法'],
    why: 'The buttons are 「解決策を承認」 and 「解決策を却下」; 解決方法 stays for the knowledge base’s ways to solve a problem, and the state is 解決済み.',
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
