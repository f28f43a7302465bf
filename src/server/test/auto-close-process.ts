// A second server process for tests: runs one auto-close pass on the database named in argv and
// prints its result. Run as `node --import tsx auto-close-process.ts <sqlite file | postgres url> <now>`.
import { openDatabase } from '../db/database.ts';
import { runAutoClose } from '../cases/auto-close.job.ts';

const [target, now] = process.argv.slice(2);
const db = target!.startsWith('postgres') ? openDatabase({ kind: 'postgres', url: target!, poolSize: 1 }) : openDatabase({ kind: 'sqlite', file: target! });
try {
  process.stdout.write(JSON.stringify(await runAutoClose({ db, now: Number(now), defaultAutoCloseDays: 10, publicUrl: 'http://portal.test' })));
} finally {
  await db.destroy();
}
