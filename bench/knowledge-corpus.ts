/**
 * A synthetic but realistic knowledge base for the search benchmarks: English words drawn from a
 * vocabulary of a few thousand words with Zipf frequencies (function words most common, product
 * terms in the middle, a long tail that few articles share), and Japanese text made of katakana
 * loanwords, kanji compounds, particles and verb endings, also Zipf-distributed. Deterministic, so
 * every run searches the same corpus.
 */
import type { Db } from '../src/server/db/database.ts';
import { indexNewArticles } from '../src/server/knowledge/search-index.ts';

/** mulberry32: small, fast and good enough to spread words. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws ranks 0..n-1 with probability ∝ 1/(rank+1)^s, by binary search over the cumulative weights. */
function zipf(n: number, s = 1.0): (rnd: () => number) => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cumulative[i] = total += 1 / Math.pow(i + 1, s);
  return (rnd) => {
    const x = rnd() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const FUNCTION_WORDS = 'the to a of and is in you for that it on with this be are can if your or as by not from at an will when which then do have use must should all after before more no any only one new also may set each other than into same two first both such these there its out up so how what'.split(' ');

/** Support vocabulary that queries use: placed at ranks where a real knowledge base has them. */
export const EN_TERMS = 'license password install dongle runtime authentication settings update error procedure server client network protection encryption expiry restart log administrator manager sentinel feature vendor key driver portal account certificate firewall port service installer configuration version upgrade backup database user group permission token session login browser windows linux container virtual machine cloud activation product customer report message timeout connection proxy address file folder directory path command option parameter variable memory disk performance security policy role access request response download upload package release patch support case article contact email notification schedule task job queue cluster node instance image storage volume monitor alert metric dashboard export import format encoding language region time zone date hardware software application library module plugin extension interface protocol socket thread process signal handler event callback attribute property value field record table index query cache buffer stream channel pipeline build deploy environment staging production test debug trace warning failure crash recovery restore migration compatibility requirement limitation workaround solution troubleshooting diagnostic verification validation identifier serial number code vendor daemon agent console terminal shell script'.split(' ');

const SYLLABLES = 'ka ri to mon ver sal dex tra pol gen fi nor lux bar cel din ex fra gor hal ist jun kel lam mer nex or pra quin ros sen tor ul vin wex zan bre cor del fen gra hin'.split(' ');

function pseudoWords(count: number, rnd: () => number, taken: Set<string>): string[] {
  const words: string[] = [];
  while (words.length < count) {
    const parts = 2 + Math.floor(rnd() * 3);
    let word = '';
    for (let p = 0; p < parts; p++) word += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)];
    if (!taken.has(word)) {
      taken.add(word);
      words.push(word);
    }
  }
  return words;
}

/** About 4,000 words: function words first, the support terms spread over ranks 40–1,500, then the tail. */
function englishVocabulary(): string[] {
  const rnd = random(7);
  const taken = new Set([...FUNCTION_WORDS, ...EN_TERMS]);
  const tail = pseudoWords(4000 - taken.size, rnd, taken);
  const vocabulary = [...FUNCTION_WORDS];
  const terms = [...EN_TERMS];
  let t = 0;
  while (terms.length || t < tail.length) {
    // One support term for every few tail words while both last: terms land between ranks ~40 and ~1,500.
    if (terms.length && (vocabulary.length % 6 === 0 || t >= tail.length)) vocabulary.push(terms.shift()!);
    else vocabulary.push(tail[t++]!);
  }
  return vocabulary;
}

export const JA_KATAKANA = 'ライセンス パスワード インストール ドングル ランタイム サーバー クライアント ネットワーク ログ ドライバー ポータル アカウント ファイアウォール ポート サービス インストーラー バージョン アップグレード バックアップ データベース ユーザー グループ トークン セッション ログイン ブラウザー ウィンドウズ コンテナー クラウド アクティベーション プロダクト メッセージ タイムアウト プロキシ アドレス ファイル フォルダー ディレクトリ コマンド オプション パラメーター メモリ ディスク パフォーマンス セキュリティ ポリシー リクエスト ダウンロード アップロード パッケージ リリース パッチ サポート ケース メール スケジュール タスク ジョブ キュー クラスター ノード インスタンス イメージ ストレージ モニター アラート ダッシュボード エクスポート インポート フォーマット エンコーディング ハードウェア ソフトウェア アプリケーション ライブラリ モジュール プラグイン インターフェース プロトコル ソケット スレッド プロセス イベント プロパティ フィールド テーブル インデックス クエリ キャッシュ バッファー ストリーム チャネル ビルド デプロイ テスト デバッグ トレース エラー クラッシュ リカバリー マイグレーション ソリューション コード コンソール ターミナル スクリプト'.split(' ');

export const JA_KANJI = '認証 設定 更新 手順 確認 保護 暗号化 有効期限 再起動 管理者 製品 顧客 証明書 接続 環境 変数 権限 役割 要求 応答 通知 予定 処理 実行 停止 開始 終了 削除 追加 変更 作成 登録 解除 発行 取得 送信 受信 表示 入力 出力 画面 機能 問題 原因 対処 方法 注意 警告 障害 復旧 移行 互換性 要件 制限 回避策 解決 診断 検証 識別子 番号 日付 時刻 地域 言語 文字 形式 容量 性能 負荷 監視 記録 履歴 状態 一覧 詳細 項目 値 既定 初期化 有効 無効 自動 手動 必要 可能 最新 以前 以降 場合 対象 全体 個別 共有 専用 一時 永続 外部 内部 公開 社内 利用者 担当者 窓口 契約 期間 更新日 製造元 提供元 端末 回線 経路 中継 署名 鍵 秘密 公開鍵 照合 一致 不一致 失敗 成功 完了 待機 再試行 上限 下限 既存 新規 旧版 新版 修正 適用 配布 展開 構成 構築 導入 運用 保守 点検 調査 報告 依頼 回答 受付 対応 連絡 相談 案内 説明 資料 文書 記事 質問 回答例'.split(' ');

const JA_PARTICLES = ['の', 'を', 'に', 'は', 'が', 'で', 'と', 'から', 'まで', 'へ', 'や', 'も'];
const JA_ENDINGS = ['します。', 'してください。', 'されます。', 'できます。', 'が必要です。', 'を確認してください。', 'となります。', 'する場合があります。', 'は表示されません。', 'を行います。'];

const KANJI = '情報報告管理理解作業業務開発発生生成成功確定定期期間間隔接続続行行動動作用途途中中止止水水準準備備考考慮慮外部品質量産出力入金額面会議題名称号令和解析分類型式場所在地域内容易度数値段階層別途方針法律規格納期限界'.split('');
const KANA = 'ア イ ウ エ オ カ キ ク ケ コ サ シ ス セ ソ タ チ ツ テ ト ナ ニ ヌ ネ ノ ハ ヒ フ ヘ ホ マ ミ ム メ モ ラ リ ル レ ロ ワ ン ガ ギ グ ゲ ゴ ザ ジ ズ ゼ ゾ ダ デ ド バ ビ ブ ベ ボ パ ピ プ ペ ポ ー'.split(' ');

/** About 3,000 terms: real katakana and kanji terms spread over ranks ~30–1,500, made-up ones as the tail. */
function japaneseVocabulary(): string[] {
  const rnd = random(11);
  const taken = new Set([...JA_KATAKANA, ...JA_KANJI]);
  const tail: string[] = [];
  while (tail.length < 2700) {
    const katakana = rnd() < 0.5;
    let term = '';
    const parts = katakana ? 3 + Math.floor(rnd() * 4) : 2 + Math.floor(rnd() * 3);
    for (let p = 0; p < parts; p++) term += katakana ? KANA[Math.floor(rnd() * (KANA.length - (p === 0 ? 1 : 0)))] : KANJI[Math.floor(rnd() * KANJI.length)];
    if (!taken.has(term)) {
      taken.add(term);
      tail.push(term);
    }
  }
  const terms: string[] = [];
  const kata = [...JA_KATAKANA];
  const kanji = [...JA_KANJI];
  while (kata.length || kanji.length) {
    if (kanji.length) terms.push(kanji.shift()!);
    if (kata.length) terms.push(kata.shift()!);
  }
  const vocabulary: string[] = [];
  let t = 0;
  while (terms.length || t < tail.length) {
    if (terms.length && ((vocabulary.length >= 30 && vocabulary.length % 4 === 0) || t >= tail.length)) vocabulary.push(terms.shift()!);
    else vocabulary.push(tail[t++]!);
  }
  return vocabulary;
}

const EN = englishVocabulary();
const JA = japaneseVocabulary();
const enRank = zipf(EN.length, 1.05);
const jaRank = zipf(JA.length, 1.0);

/** Log-normal-ish lengths: most articles short-to-medium, a few long. */
function length(rnd: () => number, median: number, min: number, max: number): number {
  const normal = Math.sqrt(-2 * Math.log(rnd() || 1e-9)) * Math.cos(2 * Math.PI * rnd());
  return Math.max(min, Math.min(max, Math.round(median * Math.exp(0.6 * normal))));
}

function englishSentence(rnd: () => number, words: number): string {
  const out: string[] = [];
  for (let w = 0; w < words; w++) out.push(EN[enRank(rnd)]!);
  out[0] = out[0]![0]!.toUpperCase() + out[0]!.slice(1);
  return `${out.join(' ')}.`;
}

function japaneseSentence(rnd: () => number, terms: number): string {
  let text = '';
  for (let t = 0; t < terms; t++) text += JA[jaRank(rnd)]! + (t === terms - 1 ? '' : JA_PARTICLES[Math.floor(rnd() * JA_PARTICLES.length)]!);
  return text + JA_ENDINGS[Math.floor(rnd() * JA_ENDINGS.length)]!;
}

const TITLE_TERMS_EN = EN.slice(FUNCTION_WORDS.length, 1200);

/** Article i: even ones Japanese, odd ones English; bodies of a few hundred words, in paragraphs. */
export function benchArticle(i: number): { title: string; body: string; language: 'en' | 'ja' } {
  const rnd = random(i * 2654435761);
  if (i % 2 === 0) {
    const title = `${JA[jaRank(rnd)]}${JA_PARTICLES[0]}${JA[jaRank(rnd)]}${['について', 'の手順', 'ができない', 'のエラー', 'の設定方法'][Math.floor(rnd() * 5)]}`;
    const paragraphs: string[] = [];
    const sentences = length(rnd, 30, 4, 150);
    for (let s = 0; s < sentences; s += 4) paragraphs.push(Array.from({ length: Math.min(4, sentences - s) }, () => japaneseSentence(rnd, 3 + Math.floor(rnd() * 5))).join(''));
    return { title, body: paragraphs.join('\n\n'), language: 'ja' };
  }
  const titleWords = 3 + Math.floor(rnd() * 5);
  const words = Array.from({ length: titleWords }, () => TITLE_TERMS_EN[Math.floor(Math.pow(rnd(), 2) * TITLE_TERMS_EN.length)]!);
  const title = `${['How to', 'Cannot', 'Error when', 'About', 'Troubleshooting'][Math.floor(rnd() * 5)]} ${words.join(' ')}`;
  const paragraphs: string[] = [];
  const sentences = length(rnd, 16, 3, 120);
  for (let s = 0; s < sentences; s += 4) paragraphs.push(Array.from({ length: Math.min(4, sentences - s) }, () => englishSentence(rnd, 6 + Math.floor(rnd() * 14))).join(' '));
  return { title, body: paragraphs.join('\n\n'), language: 'en' };
}

/** The queries of the benchmark: support terms of high, middle and low frequency. */
export const BENCH_QUERIES: Array<[string, string[]]> = [
  ['one word, Japanese', ['パスワード', 'ライセンス', 'ドングル', '認証', '設定', 'タイムアウト', '証明書', 'ファイアウォール']],
  ['two words, Japanese', ['パスワード 更新', 'ライセンス 有効期限', 'ドングル 認証', 'サーバー 再起動', 'ドライバー インストール', '接続 エラー']],
  ['one word, English', ['password', 'license', 'dongle', 'runtime', 'encryption', 'firewall', 'certificate', 'timeout']],
  ['two words, English', ['license manager', 'password update', 'dongle driver', 'server restart', 'installer error', 'proxy timeout']],
];

/**
 * The same four kinds of query, 2,500 different ones each: more than the answers a process keeps
 * (search-cache.ts), so cycling through them never finds an answer kept. What a search costs when
 * nobody asked it since the last write. One word: vocabulary words by rank (support terms, then the
 * rarer tail); two words: pairs of the real support terms.
 */
export function distinctQueries(): Array<[string, string[]]> {
  const count = 2_500;
  const pairs = (terms: string[]) => {
    const rnd = random(23);
    const out = new Set<string>();
    while (out.size < count) {
      const [first, second] = [terms[Math.floor(rnd() * terms.length)]!, terms[Math.floor(rnd() * terms.length)]!];
      if (first !== second) out.add(`${first} ${second}`);
    }
    return [...out];
  };
  return [
    ['one word, Japanese', JA.slice(0, count)],
    ['two words, Japanese', pairs([...JA_KATAKANA, ...JA_KANJI])],
    ['one word, English', EN.slice(FUNCTION_WORDS.length, FUNCTION_WORDS.length + count)],
    ['two words, English', pairs(EN_TERMS)],
  ];
}

/** Writes `count` published articles (every tenth for customers only) and their search entries, a thousand a transaction. */
export async function seedArticles(db: Db, count: number, now = Date.now()): Promise<void> {
  const batch = 1000;
  for (let start = 0; start < count; start += batch) {
    await db.transaction().execute(async (trx) => {
      const articles = Array.from({ length: Math.min(batch, count - start) }, (_, k) => {
        const i = start + k;
        return { number: `KB${String(i + 1).padStart(7, '0')}`, ...benchArticle(i), visibility: i % 10 === 0 ? 'customers' : 'public', state: 'published', published_at: now, created_at: now, updated_at: now };
      });
      const ids = new Map((await trx.insertInto('articles').values(articles).returning(['id', 'number']).execute()).map((row) => [row.number, row.id]));
      await indexNewArticles(
        trx,
        articles.map((article) => ({ id: ids.get(article.number)!, title: article.title, body: article.body, customerVisible: true })),
      );
    });
  }
  await db.insertInto('counters').values({ name: 'article', value: count }).execute();
}
