import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../test/helpers.ts';
import { up } from './0015_auto_close_hours.ts';

describe.each(databaseKinds)('migration 0015: the auto-close wait in hours (%s)', (kind) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase(kind);
  });
  afterAll(() => test.cleanup());

  const setting = async (key: string) => (await test.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;

  it('turns a wait set in days into the same wait in hours', async () => {
    await test.db.insertInto('settings').values({ key: 'auto_close_days', value: '4' }).execute();
    await up(test.db);
    expect([await setting('auto_close_hours'), await setting('auto_close_days')]).toEqual(['96', undefined]);
    await test.db.deleteFrom('settings').where('key', '=', 'auto_close_hours').execute();
  });

  it('leaves an installation that never set the wait on AUTO_CLOSE_DAYS', async () => {
    await up(test.db);
    expect(await setting('auto_close_hours')).toBeUndefined();
  });
});
