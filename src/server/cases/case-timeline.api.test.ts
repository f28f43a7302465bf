import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseKinds, seedAccount, seedPerson, signIn, upload, type TestClient, type TestContext } from '../test/helpers.ts';

describe.each(databaseKinds)('the time line: a comment and its files are one entry (%s)', (kind) => {
  let ctx: TestContext;
  let contact: TestClient;
  let number: string;

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    contact = await signIn(ctx, await seedPerson(ctx.db, { accountId: (await seedAccount(ctx.db)).id }));
    number = (await contact.post('/api/cases', { type: 'portal_issue', subject: 'Logs', description: 'See below.' })).json().number;
  });
  afterAll(() => ctx.close());

  it('lists the files sent with a comment on the comment, and a file dropped alone as its own entry', async () => {
    const staged = await Promise.all(['a.log', 'b.log'].map(async (name) => (await upload(contact, '/api/attachments', name, `contents of ${name}`)).json().id as number));
    expect((await contact.post(`/api/cases/${number}/comments`, { body: 'Two logs attached.', attachmentIds: staged })).statusCode).toBe(200);
    expect((await upload(contact, `/api/cases/${number}/attachments`, 'c.log', 'later')).statusCode).toBe(201);

    const items = (await contact.get(`/api/cases/${number}/activity`)).json().items as Array<{ kind: string; body: string; attachments: Array<{ name: string }>; attachment: { name: string } | null }>;
    expect(items.map((entry) => entry.kind)).toEqual(['created', 'comment', 'attachment']);
    expect(items[1]).toMatchObject({ body: 'Two logs attached.', attachments: [{ name: 'a.log' }, { name: 'b.log' }] });
    expect(items[2]).toMatchObject({ attachment: { name: 'c.log' }, attachments: [] });
  });
});
