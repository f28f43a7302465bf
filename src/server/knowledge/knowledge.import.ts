import fs from 'node:fs';
import readline from 'node:readline';
import { z } from 'zod';
import type { Db } from '../db/database.ts';
import { ARTICLE_LANGUAGES, ARTICLE_STATES, ARTICLE_VISIBILITIES, BODY_MAX, TITLE_MAX } from './knowledge.schemas.ts';
import { insertArticles, type ArticleInput } from './knowledge.service.ts';

/**
 * `caseway kb import FILE`: a knowledge base moved from another system, as JSON Lines. The file is
 * read twice, line by line, so its size does not matter: once to check every line (and report every
 * bad one), then again inside one transaction to write, so a file with any bad line imports nothing.
 */

/** How many bad lines are listed; a wholly wrong file would otherwise print one message per line. */
const MAX_REPORTED = 20;

/** Articles written together: their common words reach the vocabulary once a batch, not once an article; few enough that the largest bodies stay small in memory. */
const IMPORT_BATCH = 100;

const importLine = z.strictObject({
  title: z.string({ message: 'title is required (text)' }).trim().min(1, 'title must not be empty').max(TITLE_MAX, `title has at most ${TITLE_MAX} characters`),
  body: z.string({ message: 'body is required (Markdown text)' }).max(BODY_MAX, `body has at most ${BODY_MAX.toLocaleString('en')} characters`),
  language: z.enum(ARTICLE_LANGUAGES, { message: 'language must be "en" or "ja"' }),
  visibility: z.enum(ARTICLE_VISIBILITIES, { message: 'visibility must be "public", "customers" or "internal"' }),
  state: z.enum(ARTICLE_STATES, { message: 'state must be "draft", "published" or "retired"' }),
  products: z.array(z.string({ message: 'products must be a list of product names' }).trim().min(1, 'a product name must not be empty'), { message: 'products must be a list of product names' }).max(50, 'an article has at most 50 products').default([]),
});
type ImportLine = z.infer<typeof importLine>;

/** A file with bad lines: each message names its line. */
export class ImportError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

function parseLine(text: string): { ok: true; value: ImportLine } | { ok: false; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `not valid JSON (${(error as Error).message})` };
  }
  const parsed = importLine.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') return { ok: false, problem: `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}` };
  if (issue.path.length === 0) return { ok: false, problem: 'each line must be one JSON object' };
  return { ok: false, problem: issue.message };
}

/** Non-blank lines with their 1-based line numbers, read as a stream. */
async function* lines(file: string): AsyncGenerator<{ number: number; text: string }> {
  const input = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let number = 0;
  for await (const text of input) {
    number++;
    if (text.trim() !== '') yield { number, text };
  }
}

async function productIdsByName(db: Db, names: Set<string>): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const list = [...names];
  for (let i = 0; i < list.length; i += 500) {
    for (const row of await db.selectFrom('products').select(['id', 'name']).where('name', 'in', list.slice(i, i + 500)).execute()) ids.set(row.name, row.id);
  }
  return ids;
}

/** Imports every article of the file, or none; returns how many. */
export async function importArticles(db: Db, file: string, now: number): Promise<number> {
  const problems: Array<{ line: number; problem: string }> = [];
  const report = (line: number, problem: string) => problems.push({ line, problem });
  // First pass: every line parses; product names are gathered with the lines that use them.
  const productLines = new Map<string, number[]>();
  for await (const { number, text } of lines(file)) {
    const parsed = parseLine(text);
    if (!parsed.ok) report(number, parsed.problem);
    else {
      for (const name of new Set(parsed.value.products)) {
        const list = productLines.get(name) ?? [];
        list.push(number);
        productLines.set(name, list);
      }
    }
  }
  const products = await productIdsByName(db, new Set(productLines.keys()));
  for (const [name, numbers] of productLines) if (!products.has(name)) for (const number of numbers) report(number, `no product is named "${name}"`);
  if (problems.length > 0) {
    const listed = problems.sort((a, b) => a.line - b.line).slice(0, MAX_REPORTED).map((p) => `line ${p.line}: ${p.problem}`);
    if (problems.length > MAX_REPORTED) listed.push(`and ${problems.length - MAX_REPORTED} more bad line(s)`);
    throw new ImportError(listed);
  }

  // Second pass, one transaction: a line that changed since the first pass rolls everything back.
  return db.transaction().execute(async (trx) => {
    let count = 0;
    let batch: ArticleInput[] = [];
    const flush = async () => {
      count += (await insertArticles(trx, batch, null, now)).length;
      batch = [];
    };
    for await (const { number, text } of lines(file)) {
      const parsed = parseLine(text);
      if (!parsed.ok) throw new ImportError([`line ${number}: ${parsed.problem} (the file changed during the import)`]);
      const { products: names, ...article } = parsed.value;
      const productIds = names.map((name) => products.get(name));
      if (productIds.some((id) => id === undefined)) throw new ImportError([`line ${number}: a product is unknown (the file changed during the import)`]);
      batch.push({ ...article, productIds: productIds as number[] });
      if (batch.length === IMPORT_BATCH) await flush();
    }
    await flush();
    return count;
  });
}

