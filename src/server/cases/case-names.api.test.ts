import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseKinds, seedAccount, seedPerson, signIn, type TestClient, type TestContext } from '../test/helpers.ts';

describe.each(databaseKinds)('names in the viewer’s language (%s)', (kind) => {
  let ctx: TestContext;
  let contact: TestClient;
  let agent: TestClient;
  let number: string;

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    const accountId = (await seedAccount(ctx.db)).id;
    contact = await signIn(ctx, await seedPerson(ctx.db, { accountId, firstName: '太郎', lastName: '山田', language: 'ja' }));
    agent = await signIn(ctx, await seedPerson(ctx.db, { kind: 'staff', roles: ['agent'], firstName: 'Aiko', lastName: 'Tanaka' }));
    number = (await contact.post('/api/cases', { type: 'portal_issue', subject: 'ログインできない', description: '画面が進みません。' })).json().number;
    expect((await agent.post(`/api/cases/${number}/start`)).statusCode).toBe(200);
  });
  afterAll(() => ctx.close());

  const read = (client: TestClient, url: string, language?: string) => client.request({ method: 'GET', url, headers: language ? { 'accept-language': language } : {} });

  it('puts the family name first for a Japanese reader, in lists, case pages and the time line', async () => {
    const list = (await read(contact, '/api/cases')).json().items[0];
    expect(list).toMatchObject({ contactName: '山田 太郎', assignee: { name: 'Tanaka Aiko' } });
    const detail = (await read(contact, `/api/cases/${number}`)).json();
    expect(detail.contact.name).toBe('山田 太郎');
    const activity = (await read(contact, `/api/cases/${number}/activity`)).json().items;
    expect(activity[0].author.name).toBe('山田 太郎');
  });

  it('follows the page’s language (Accept-Language) over the profile’s, both ways', async () => {
    expect((await read(contact, '/api/cases', 'en-US,en;q=0.9')).json().items[0].contactName).toBe('太郎 山田');
    expect((await read(agent, '/api/queue')).json().items.find((c: { number: string }) => c.number === number).assignee.name).toBe('Aiko Tanaka');
    expect((await read(agent, '/api/queue', 'ja')).json().items.find((c: { number: string }) => c.number === number).contactName).toBe('山田 太郎');
    expect((await read(agent, '/api/agents', 'ja')).json().items).toContainEqual(expect.objectContaining({ name: 'Tanaka Aiko' }));
  });
});
