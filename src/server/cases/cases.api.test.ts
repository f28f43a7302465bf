import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../lib/clock.ts';
import {
  createTestApp,
  databaseKinds,
  lastMailTo,
  mailsTo,
  seedAccount,
  seedPerson,
  signIn,
  TestClient,
  upload,
  type TestContext,
} from '../test/helpers.ts';
import { runAutoClose } from './auto-close.job.ts';

type Person = Awaited<ReturnType<typeof seedPerson>>;

describe.each(databaseKinds)('support cases (%s)', (kind) => {
  let ctx: TestContext;
  let acmeId: number;
  let contact: Person;
  let colleague: Person;
  let acmeAdmin: Person;
  let stranger: Person;
  let agent: Person;
  let otherAgent: Person;
  let productId: number;
  let retiredProductId: number;
  // One signed-in client per person, shared by parallel callers (two sign-ins would race for the mailed code).
  const clients = new Map<number, Promise<TestClient>>();
  const as = (person: Person) => {
    if (!clients.has(person.id)) clients.set(person.id, signIn(ctx, person));
    return clients.get(person.id)!;
  };

  beforeAll(async () => {
    ctx = await createTestApp(kind, { MAX_ATTACHMENT_MB: '1' });
    acmeId = (await seedAccount(ctx.db, 'Acme Japan')).id;
    const globexId = (await seedAccount(ctx.db, 'Globex')).id;
    contact = await seedPerson(ctx.db, { accountId: acmeId, firstName: 'Hanako', lastName: 'Suzuki' });
    colleague = await seedPerson(ctx.db, { accountId: acmeId, firstName: 'Ichiro', lastName: 'Sato' });
    acmeAdmin = await seedPerson(ctx.db, { accountId: acmeId, roles: ['account_admin'], firstName: 'Aki', lastName: 'Admin' });
    stranger = await seedPerson(ctx.db, { accountId: globexId, roles: ['account_admin', 'approver'], firstName: 'Gus', lastName: 'Globex' });
    agent = await seedPerson(ctx.db, { kind: 'staff', roles: ['agent'], firstName: 'Ai', lastName: 'Agent' });
    otherAgent = await seedPerson(ctx.db, { kind: 'staff', roles: ['agent'], firstName: 'Bo', lastName: 'Agent', language: 'ja' });
    productId = (await ctx.db.insertInto('products').values({ name: 'Sentinel LDK', active: 1, created_at: 0 }).returning('id').executeTakeFirstOrThrow()).id;
    await ctx.db.insertInto('products').values({ name: 'Sentinel RMS', active: 1, created_at: 0 }).execute();
    await ctx.db.insertInto('products').values({ name: 'HASP SRM', active: 1, created_at: 0 }).execute();
    retiredProductId = (await ctx.db.insertInto('products').values({ name: 'Sentinel SuperPro', active: 0, created_at: 0 }).returning('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => ctx.close());

  const newCase = (overrides: Record<string, unknown> = {}) => ({ type: 'product_issue', productId, priority: 3, subject: 'License not found', description: 'Sentinel LDK 8.5 says no license.', ...overrides });
  const open = async (person: Person = contact, overrides: Record<string, unknown> = {}) => {
    const response = await (await as(person)).post('/api/cases', newCase(overrides));
    expect(response.statusCode, response.body).toBe(201);
    return response.json().number as string;
  };
  const activity = async (person: Person, number: string) => (await (await as(person)).get(`/api/cases/${number}/activity`)).json().items as Array<Record<string, any>>;

  describe('products', () => {
    it('lists every active product whose name contains the typed text, in any case', async () => {
      const response = await (await as(contact)).get('/api/products?q=sentinel');
      expect(response.json().items.map((p: { name: string }) => p.name)).toEqual(['Sentinel LDK', 'Sentinel RMS']);
    });
  });

  describe('Create Case', () => {
    it('answers with the number, shows the case in My Cases at once, and mails the contact and the agents', async () => {
      const client = await as(contact);
      const response = await client.post('/api/cases', newCase({ subject: 'Dongle not detected' }));
      expect(response.statusCode).toBe(201);
      const number = response.json().number;
      expect(number).toMatch(/^CS\d{7}$/);
      const mine = (await client.get('/api/cases')).json();
      expect(mine.items[0]).toMatchObject({ number, productName: 'Sentinel LDK', subject: 'Dongle not detected', priority: 3, state: 'new', accountName: 'Acme Japan' });
      expect((await lastMailTo(ctx.db, contact.email)).subject).toBe(`Case ${number} opened - Dongle not detected`);
      expect((await lastMailTo(ctx.db, agent.email)).subject).toBe(`New case ${number} from Acme Japan - Dongle not detected`);
      const detail = (await client.get(`/api/cases/${number}`)).json();
      expect(detail).toMatchObject({ number, description: 'Sentinel LDK 8.5 says no license.', contact: { name: 'Hanako Suzuki' }, allowed: expect.arrayContaining(['customer_comment', 'customer_close']) });
    });

    it('never repeats a case number, also when many are created at once', async () => {
      const numbers = await Promise.all(Array.from({ length: 12 }, (_, i) => open(i % 2 ? contact : colleague)));
      expect(new Set(numbers).size).toBe(12);
    });

    it.each<[Record<string, unknown>, number, RegExp]>([
      [{ productId: 999_999 }, 400, /not in the catalogue/],
      [{ productId: 'retired' }, 400, /not in the catalogue/],
      [{ productId: null }, 400, /Choose the product/],
      [{ priority: 7 }, 400, /1 - Critical to 4 - Low/],
      [{ priority: 'high' }, 400, /priority/],
      [{ type: 'billing' }, 400, /Product Technical Issue or Customer Support Portal Issue/],
      [{ subject: '   ' }, 400, /Enter a subject/],
      [{ subject: 'x'.repeat(161) }, 400, /at most 160/],
      [{ description: '' }, 400, /Describe the issue/],
      [{ contactId: 1 }, 400, /contactId/],
    ])('refuses %o and creates nothing', async (override, status, message) => {
      const client = await as(contact);
      const before = (await client.get('/api/cases?limit=100')).json().items.length;
      const body = override.productId === 'retired' ? { productId: retiredProductId } : override;
      const response = await client.post('/api/cases', newCase(body));
      expect(response.statusCode).toBe(status);
      expect(response.json().message).toMatch(message);
      expect((await client.get('/api/cases?limit=100')).json().items.length).toBe(before);
    });

    it('lets a portal issue go without a product', async () => {
      expect((await (await as(contact)).post('/api/cases', newCase({ type: 'portal_issue', productId: null }))).statusCode).toBe(201);
    });

    it('is for contacts: an agent cannot open a case', async () => {
      expect((await (await as(agent)).post('/api/cases', newCase())).statusCode).toBe(403);
    });
  });

  describe('who may see what', () => {
    it('hides a case from a contact of another account and from a colleague who is not its contact or administrator', async () => {
      const number = await open(contact, { subject: 'Private matter' });
      const staged = (await upload(await as(contact), '/api/attachments', 'log.txt', 'secret log')).json();
      await (await as(contact)).post(`/api/cases/${number}/comments`, { body: 'see log', attachmentIds: [staged.id] });
      const surveyCount = async () => (await ctx.db.selectFrom('surveys').select('id').execute()).length;
      const before = { activity: (await activity(contact, number)).length, surveys: await surveyCount() };

      for (const outsider of [stranger, colleague]) {
        const client = await as(outsider);
        const routes: Array<Promise<{ statusCode: number; body: string }>> = [
          client.get(`/api/cases/${number}`),
          client.get(`/api/cases/${number}/activity`),
          client.post(`/api/cases/${number}/comments`, { body: 'hi' }),
          client.post(`/api/cases/${number}/accept`),
          client.post(`/api/cases/${number}/reject`, { comment: 'no' }),
          client.post(`/api/cases/${number}/close`, {}),
          upload(client, `/api/cases/${number}/attachments`, 'x.txt', 'x'),
          client.get(`/api/attachments/${staged.id}`),
          client.post('/api/cases', newCase({ followUpOf: number })),
        ];
        for (const response of await Promise.all(routes)) {
          expect(response.statusCode).toBe(404);
          expect(response.body).not.toContain('Private matter');
          expect(response.body).not.toContain('secret log');
        }
        const list = (await client.get('/api/cases?limit=100')).json();
        expect(list.items.map((c: { number: string }) => c.number)).not.toContain(number);
      }
      await expect((await as(stranger)).get('/api/cases?scope=account').then((r) => r.json().items.map((c: { number: string }) => c.number))).resolves.not.toContain(number);
      expect((await activity(contact, number)).length).toBe(before.activity);
      expect(await surveyCount()).toBe(before.surveys);
    });

    it('refuses the account-wide list to a contact who is not an account administrator', async () => {
      expect((await (await as(colleague)).get('/api/cases?scope=account')).statusCode).toBe(403);
    });

    it('refuses every case of every account (scope=all) to contacts, account administrators too', async () => {
      for (const person of [contact, acmeAdmin, stranger]) {
        const response = await (await as(person)).get('/api/cases?scope=all');
        expect(response.statusCode).toBe(403);
        expect(response.json().message).toBe('Only account administrators can see every case of the account.');
      }
    });

    it('lists every case of every account to support staff, and under "mine" none, since staff open no cases', async () => {
      const acmeCase = await open(contact, { subject: 'Seen by staff' });
      const globexCase = await open(stranger, { subject: 'Seen by staff too' });
      const staff = await as(agent);
      for (const scope of ['all', 'account']) {
        const response = await staff.get(`/api/cases?scope=${scope}&limit=100`);
        expect(response.statusCode).toBe(200);
        expect(response.json().items.map((c: { number: string }) => c.number)).toEqual(expect.arrayContaining([acmeCase, globexCase]));
      }
      const mine = await staff.get('/api/cases?scope=mine');
      expect(mine.statusCode).toBe(200);
      expect(mine.json().items).toEqual([]);
    });

    it('lets the account administrator see and comment on every case of the account', async () => {
      const number = await open(colleague, { subject: 'Colleague case' });
      const admin = await as(acmeAdmin);
      const all = (await admin.get('/api/cases?scope=account&limit=100')).json();
      expect(all.items.map((c: { number: string }) => c.number)).toContain(number);
      const mine = (await admin.get('/api/cases?scope=mine')).json();
      expect(mine.items.map((c: { number: string }) => c.number)).not.toContain(number);
      expect((await admin.post(`/api/cases/${number}/comments`, { body: 'Adding context from the admin.' })).statusCode).toBe(200);
      expect((await lastMailTo(ctx.db, colleague.email)).subject).toBe(`Case ${number} comments added`);
    });

    it('answers a case id of the wrong shape with 400 and an unknown one with 404', async () => {
      expect((await (await as(contact)).get('/api/cases/12')).statusCode).toBe(400);
      expect((await (await as(contact)).get('/api/cases/CS9999999')).statusCode).toBe(404);
      const unknownPart = await (await as(contact)).get(`/api/cases/${await open()}?with=everything`);
      expect([unknownPart.statusCode, unknownPart.json().message]).toEqual([400, expect.stringContaining('with takes one value: activity.')]);
    });
  });

  describe('the life of a case', () => {
    it('goes New → Work in Progress → Awaiting Info → Work in Progress → Resolved → Closed with every step in the activity', async () => {
      const number = await open(contact, { subject: 'Full story' });
      const staff = await as(agent);
      const customer = await as(contact);

      expect((await staff.post(`/api/cases/${number}/start`)).statusCode).toBe(200);
      expect((await staff.get(`/api/cases/${number}`)).json()).toMatchObject({ state: 'work_in_progress', assignee: { name: 'Ai Agent' } });

      expect((await staff.post(`/api/cases/${number}/request-info`, { comment: 'Which version of the runtime?' })).statusCode).toBe(200);
      expect((await lastMailTo(ctx.db, contact.email)).subject).toBe(`Case ${number} comments added`);
      expect((await customer.get(`/api/cases/${number}`)).json().state).toBe('awaiting_info');

      expect((await customer.post(`/api/cases/${number}/comments`, { body: 'Runtime 8.51.' })).statusCode).toBe(200);
      expect((await customer.get(`/api/cases/${number}`)).json().state).toBe('work_in_progress');

      const noSolution = await staff.post(`/api/cases/${number}/propose-solution`, { solution: ' ' });
      expect(noSolution.statusCode).toBe(400);
      expect(noSolution.json().message).toMatch(/Enter the solution/);
      expect((await staff.post(`/api/cases/${number}/propose-solution`, { solution: 'Update the runtime to 8.53.' })).statusCode).toBe(200);
      expect((await lastMailTo(ctx.db, contact.email)).subject).toBe(`Case ${number} has been resolved`);
      const resolved = (await customer.get(`/api/cases/${number}`)).json();
      expect(resolved.state).toBe('resolved');
      expect(resolved.allowed).toEqual(expect.arrayContaining(['accept_solution', 'reject_solution']));
      expect(resolved.allowed).not.toContain('customer_close');

      expect((await customer.post(`/api/cases/${number}/accept`)).statusCode).toBe(200);
      const closed = (await customer.get(`/api/cases/${number}`)).json();
      expect(closed.state).toBe('closed');
      expect(closed.allowed).toEqual(['follow_up']);
      const survey = await ctx.db.selectFrom('surveys as s').innerJoin('cases as c', 'c.id', 's.case_id').select('s.id').where('c.number', '=', number).executeTakeFirstOrThrow();
      expect(closed.pendingSurveyId).toBe(survey.id);
      expect((await staff.get(`/api/cases/${number}`)).json().pendingSurveyId).toBeNull();
      expect((await mailsTo(ctx.db, contact.email)).map((m) => m.subject)).toContain(`Case ${number} has been closed`);

      const second = await customer.post(`/api/cases/${number}/accept`);
      expect(second.statusCode).toBe(409);
      const comment = await customer.post(`/api/cases/${number}/comments`, { body: 'One more thing' });
      expect(comment.statusCode).toBe(409);
      expect(comment.json().message).toMatch(/cannot be changed any more/);

      const timeline = await activity(contact, number);
      const states = timeline.filter((a) => a.kind === 'state_change').map((a) => `${a.fromState}>${a.toState}`);
      expect(states).toEqual(['new>work_in_progress', 'work_in_progress>awaiting_info', 'awaiting_info>work_in_progress', 'work_in_progress>resolved', 'resolved>closed']);
      expect(timeline.every((a) => typeof a.createdAt === 'number')).toBe(true);
      expect(timeline.find((a) => a.body === 'Runtime 8.51.')?.author).toEqual({ name: 'Hanako Suzuki', staff: false });
    });

    it('leaves a New, Work in Progress or Resolved case where it is when the contact comments; only an answer to Awaiting Info puts it back to work', async () => {
      const customer = await as(contact);
      const staff = await as(agent);
      const stateAfterComment = async (number: string) => {
        expect((await customer.post(`/api/cases/${number}/comments`, { body: 'A detail I forgot.' })).statusCode).toBe(200);
        return (await customer.get(`/api/cases/${number}`)).json().state;
      };
      const fresh = await open();
      expect(await stateAfterComment(fresh)).toBe('new');
      await staff.post(`/api/cases/${fresh}/start`);
      expect(await stateAfterComment(fresh)).toBe('work_in_progress');
      await staff.post(`/api/cases/${fresh}/request-info`, { comment: 'Which dongle?' });
      expect(await stateAfterComment(fresh)).toBe('work_in_progress');
      await staff.post(`/api/cases/${fresh}/propose-solution`, { solution: 'Replace the dongle.' });
      expect(await stateAfterComment(fresh)).toBe('resolved');
      const resolved = (await customer.get(`/api/cases/${fresh}`)).json();
      expect(resolved.allowed).toEqual(expect.arrayContaining(['accept_solution', 'reject_solution']));
      expect((await activity(contact, fresh)).filter((a) => a.kind === 'state_change').map((a) => a.toState)).toEqual(['work_in_progress', 'awaiting_info', 'work_in_progress', 'resolved']);
    });

    it('offers "Create follow-up case" on a closed case only, and only to the customer', async () => {
      const number = await open();
      const customer = await as(contact);
      const staff = await as(agent);
      const offered = async (client: TestClient) => (await client.get(`/api/cases/${number}`)).json().allowed as string[];
      expect(await offered(customer)).not.toContain('follow_up');
      await staff.post(`/api/cases/${number}/start`);
      expect(await offered(customer)).not.toContain('follow_up');
      await staff.post(`/api/cases/${number}/request-info`, { comment: 'Which dongle?' });
      expect(await offered(customer)).not.toContain('follow_up');
      await staff.post(`/api/cases/${number}/propose-solution`, { solution: 'Replace the dongle.' });
      expect(await offered(customer)).not.toContain('follow_up');
      await customer.post(`/api/cases/${number}/accept`);
      expect(await offered(customer)).toEqual(['follow_up']);
      expect(await offered(await as(acmeAdmin))).toEqual(['follow_up']);
      expect(await offered(staff)).toEqual(['work_note']);
    });

    it('requires a comment to reject a solution, and rejecting puts the case back to work', async () => {
      const number = await open();
      await (await as(agent)).post(`/api/cases/${number}/propose-solution`, { solution: 'Reboot.' });
      const customer = await as(contact);
      const bare = await customer.post(`/api/cases/${number}/reject`, { comment: '' });
      expect(bare.statusCode).toBe(400);
      expect(bare.json().message).toMatch(/comment is required/);
      expect((await customer.get(`/api/cases/${number}`)).json().state).toBe('resolved');
      expect((await customer.post(`/api/cases/${number}/reject`, { comment: 'Rebooting did not help.' })).statusCode).toBe(200);
      expect((await customer.get(`/api/cases/${number}`)).json().state).toBe('work_in_progress');
    });

    it('refuses accept on a case that is not Resolved, and changes nothing', async () => {
      const number = await open();
      const response = await (await as(contact)).post(`/api/cases/${number}/accept`);
      expect(response.statusCode).toBe(409);
      expect(response.json().code).toBe('invalid_state');
      expect((await (await as(contact)).get(`/api/cases/${number}`)).json().state).toBe('new');
    });

    it('lets the contact close a case that is not Resolved and records that the customer closed it', async () => {
      const number = await open();
      expect((await (await as(contact)).post(`/api/cases/${number}/close`, { comment: 'Found it myself.' })).statusCode).toBe(200);
      const timeline = await activity(contact, number);
      expect(timeline.find((a) => a.kind === 'state_change')).toMatchObject({ toState: 'closed', author: { name: 'Hanako Suzuki', staff: false }, detail: { action: 'customer_close' } });
      expect(timeline.some((a) => a.body === 'Found it myself.')).toBe(true);
    });

    it('lets an agent close with closing notes (required) and cancel a case opened by mistake, without a survey', async () => {
      const number = await open();
      const staff = await as(agent);
      expect((await staff.post(`/api/cases/${number}/close`, {})).json().message).toMatch(/closing notes/);
      expect((await staff.post(`/api/cases/${number}/close`, { notes: 'Answered by phone.' })).statusCode).toBe(200);

      const mistake = await open();
      expect((await staff.post(`/api/cases/${mistake}/cancel`, { comment: 'Duplicate.' })).statusCode).toBe(200);
      expect((await (await as(contact)).get(`/api/cases/${mistake}`)).json().state).toBe('cancelled');
      const surveys = await ctx.db.selectFrom('surveys as s').innerJoin('cases as c', 'c.id', 's.case_id').select('c.number').execute();
      expect(surveys.map((s) => s.number)).toContain(number);
      expect(surveys.map((s) => s.number)).not.toContain(mistake);
    });

    it('keeps agent actions for agents: a contact cannot start work or propose a solution', async () => {
      const number = await open();
      expect((await (await as(contact)).post(`/api/cases/${number}/start`)).statusCode).toBe(403);
      expect((await (await as(contact)).post(`/api/cases/${number}/propose-solution`, { solution: 'x' })).statusCode).toBe(403);
    });

    it('assigns to an agent, changes the priority, and refuses an unknown assignee', async () => {
      const number = await open();
      const staff = await as(agent);
      const agents = (await staff.get('/api/agents')).json().items;
      expect(agents).toEqual([{ id: agent.id, name: 'Ai Agent' }, { id: otherAgent.id, name: 'Bo Agent' }]);
      expect((await (await as(contact)).get('/api/agents')).statusCode).toBe(403);
      expect((await staff.post(`/api/cases/${number}/assign`, { assigneeId: otherAgent.id })).statusCode).toBe(200);
      expect((await staff.post(`/api/cases/${number}/assign`, { assigneeId: contact.id })).statusCode).toBe(400);
      expect((await staff.post(`/api/cases/${number}/priority`, { priority: 1 })).statusCode).toBe(200);
      expect((await staff.post(`/api/cases/${number}/priority`, { priority: 9 })).statusCode).toBe(400);
      expect((await staff.get(`/api/cases/${number}`)).json()).toMatchObject({ priority: 1, assignee: { name: 'Bo Agent' } });
    });

    it('opens a follow-up case linked both ways to a closed case', async () => {
      const old = await open();
      expect((await (await as(contact)).post('/api/cases', newCase({ followUpOf: old }))).statusCode).toBe(409);
      await (await as(contact)).post(`/api/cases/${old}/close`, {});
      const followUp = await open(contact, { followUpOf: old });
      expect((await (await as(contact)).get(`/api/cases/${followUp}`)).json().followUpOf).toBe(old);
      expect((await (await as(contact)).get(`/api/cases/${old}`)).json().followUps).toEqual([followUp]);
    });
  });

  describe('work notes', () => {
    it('never reach a contact: not in the activity, the attachments, a mail or the API', async () => {
      const number = await open();
      const staff = await as(agent);
      const mailsBefore = (await mailsTo(ctx.db, contact.email)).length;
      const note = await upload(staff, '/api/attachments', 'internal-analysis.txt', 'the customer is on an old contract');
      expect((await staff.post(`/api/cases/${number}/comments`, { body: 'INTERNAL: licence expired, upsell', workNote: true, attachmentIds: [note.json().id] })).statusCode).toBe(200);
      expect((await mailsTo(ctx.db, contact.email)).length).toBe(mailsBefore);
      for (const viewer of [contact, acmeAdmin]) {
        const client = await as(viewer);
        const everything = [(await client.get(`/api/cases/${number}?with=activity`)).body, (await client.get(`/api/cases/${number}/activity`)).body, (await client.get('/api/cases?scope=mine&q=INTERNAL')).body].join('\n');
        expect(everything).not.toContain('INTERNAL');
        expect(everything).not.toContain('internal-analysis');
        expect((await client.get(`/api/attachments/${note.json().id}`)).statusCode).toBe(404);
      }
      expect((await activity(agent, number)).some((a) => a.kind === 'work_note' && a.body.startsWith('INTERNAL'))).toBe(true);
      // The case page's first read brings the time line as each viewer's own read of it answers.
      for (const viewer of [contact, agent]) {
        const client = await as(viewer);
        expect((await client.get(`/api/cases/${number}?with=activity`)).json().activity).toEqual((await client.get(`/api/cases/${number}/activity`)).json());
        expect((await client.get(`/api/cases/${number}`)).json().activity).toBeNull();
      }
      expect((await (await as(contact)).post(`/api/cases/${number}/comments`, { body: 'x', workNote: true })).statusCode).toBe(403);
    });
  });

  describe('attachments', () => {
    it('keeps the original name and serves the file only as a download with nosniff', async () => {
      const number = await open();
      const client = await as(contact);
      const added = await upload(client, `/api/cases/${number}/attachments`, '画面 <img src=x onerror=alert(1)>.html', '<script>alert(1)</script>', 'text/html');
      expect(added.statusCode).toBe(201);
      const detail = (await client.get(`/api/cases/${number}`)).json();
      expect(detail.attachments[0]).toMatchObject({ name: '画面 <img src=x onerror=alert(1)>.html', size: 25 });
      const download = await (await as(agent)).get(`/api/attachments/${added.json().id}`);
      expect(download.statusCode).toBe(200);
      expect(download.body).toBe('<script>alert(1)</script>');
      expect(download.headers['content-type']).toBe('application/octet-stream');
      expect(download.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+"; filename\*=UTF-8''%E7%94%BB%E9%9D%A2/);
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      expect((await activity(contact, number)).some((a) => a.kind === 'attachment' && a.attachment?.name.startsWith('画面'))).toBe(true);
    });

    it('refuses a file over the limit, a request with no file and a name with a path, storing nothing', async () => {
      const number = await open();
      const client = await as(contact);
      const countFiles = async () => (await ctx.db.selectFrom('attachments').select('id').execute()).length;
      const before = await countFiles();
      const big = await upload(client, `/api/cases/${number}/attachments`, 'big.bin', Buffer.alloc(1024 * 1024 + 10));
      expect(big.statusCode).toBe(413);
      expect(big.json().message).toMatch(/larger than 1 MB/);
      const none = await client.request({ method: 'POST', url: `/api/cases/${number}/attachments`, payload: {} });
      expect(none.statusCode).toBe(400);
      const path = await upload(client, `/api/cases/${number}/attachments`, '../../x', 'x');
      expect(path.statusCode).toBe(400);
      expect(path.json().message).toMatch(/must not contain a path/);
      expect(await countFiles()).toBe(before);
    });

    it('attaches staged files at Create Case, and refuses someone else’s staged file', async () => {
      const staged = (await upload(await as(contact), '/api/attachments', 'trace.log', 'trace')).json();
      const number = await open(contact, { attachmentIds: [staged.id] });
      expect((await (await as(contact)).get(`/api/cases/${number}`)).json().attachments.map((a: { name: string }) => a.name)).toEqual(['trace.log']);
      const theirs = (await upload(await as(colleague), '/api/attachments', 'theirs.log', 'x')).json();
      const response = await (await as(contact)).post('/api/cases', newCase({ attachmentIds: [theirs.id] }));
      expect(response.statusCode).toBe(400);
    });
  });

  describe('My Cases and the queue', () => {
    it('pages by keyset with no repeats and no gaps, sorted and filtered', async () => {
      const person = await seedPerson(ctx.db, { accountId: acmeId });
      const opened: string[] = [];
      for (let i = 0; i < 7; i++) {
        ctx.clock.advance(1000);
        opened.push(await open(person, { subject: `Paging ${i}`, priority: (i % 4) + 1 }));
      }
      const client = await as(person);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Array<{ number: string }>; nextCursor: string | null } = (await client.get(`/api/cases?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json();
        seen.push(...page.items.map((c) => c.number));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([...opened].reverse());

      const byPriority = (await client.get('/api/cases?sort=priority&direction=asc&limit=100')).json().items.map((c: { priority: number }) => c.priority);
      expect(byPriority).toEqual([...byPriority].sort());
      const filtered = (await client.get('/api/cases?q=paging 3')).json().items;
      expect(filtered.map((c: { subject: string }) => c.subject)).toEqual(['Paging 3']);
      expect((await client.get('/api/cases?q=100%25')).json().items).toEqual([]);
      expect((await client.get('/api/cases?open=closed')).json().items).toEqual([]);
      expect((await client.get('/api/cases?cursor=garbage')).statusCode).toBe(400);
    });

    it('shows agents the queue of open cases, unassigned New first, and no queue to contacts', async () => {
      const assigned = await open();
      await (await as(agent)).post(`/api/cases/${assigned}/start`);
      const fresh = await open();
      // `open` means nothing to the queue; asked first, it must not shape the queue after it.
      const askedForClosed = (await (await as(agent)).get('/api/queue?limit=100&open=closed')).json().items as Array<{ number: string }>;
      expect(askedForClosed.map((c) => c.number)).toContain(fresh);
      const queue = (await (await as(agent)).get('/api/queue?limit=100')).json().items as Array<{ number: string; state: string; assignee: unknown }>;
      const firstOther = queue.findIndex((c) => !(c.state === 'new' && c.assignee === null));
      expect(queue.findIndex((c) => c.number === fresh)).toBeLessThan(firstOther);
      expect(queue.every((c) => !['closed', 'cancelled'].includes(c.state))).toBe(true);
      expect((await (await as(contact)).get('/api/queue')).statusCode).toBe(403);
    });

    it('pages the queue by keyset across its two ranks, with no repeats and no gaps, in every sort', async () => {
      const started = await open();
      await (await as(agent)).post(`/api/cases/${started}/start`);
      await open();
      for (const sort of ['updated', 'priority', 'number']) {
        const whole = (await (await as(agent)).get(`/api/queue?limit=100&sort=${sort}`)).json().items.map((c: { number: string }) => c.number);
        const paged: string[] = [];
        let cursor: string | null = null;
        do {
          const page: { items: Array<{ number: string }>; nextCursor: string | null } = (await (await as(agent)).get(`/api/queue?limit=2&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`)).json();
          paged.push(...page.items.map((c) => c.number));
          cursor = page.nextCursor;
        } while (cursor);
        expect(paged, sort).toEqual(whole);
        expect(whole.length, sort).toBeGreaterThan(3);
      }
    });
  });

  describe('auto-close and surveys', () => {
    it('reminds at half of AUTO_CLOSE_DAYS and closes at AUTO_CLOSE_DAYS, once each, with two processes running', async () => {
      const number = await open();
      await (await as(agent)).post(`/api/cases/${number}/propose-solution`, { solution: 'Try this.' });
      const resolvedAt = ctx.clock();
      const pass = (now: number) => runAutoClose({ db: ctx.db, now, defaultAutoCloseDays: 10, publicUrl: 'http://portal.test' });

      await Promise.all([pass(resolvedAt + 4 * DAY), pass(resolvedAt + 4 * DAY)]);
      expect((await mailsTo(ctx.db, contact.email)).filter((m) => m.subject.includes(`Case ${number} is waiting`))).toHaveLength(0);
      await Promise.all([pass(resolvedAt + 5 * DAY), pass(resolvedAt + 5 * DAY)]);
      await pass(resolvedAt + 6 * DAY);
      expect((await mailsTo(ctx.db, contact.email)).filter((m) => m.subject.includes(`Case ${number} is waiting`))).toHaveLength(1);
      expect((await (await as(contact)).get(`/api/cases/${number}`)).json().state).toBe('resolved');

      await Promise.all([pass(resolvedAt + 10 * DAY), pass(resolvedAt + 10 * DAY), pass(resolvedAt + 11 * DAY)]);
      expect((await (await as(contact)).get(`/api/cases/${number}`)).json().state).toBe('closed');
      const subjects = (await mailsTo(ctx.db, contact.email)).map((m) => m.subject);
      expect(subjects.filter((s) => s === `Case ${number} has been closed`)).toHaveLength(1);
      expect(subjects.filter((s) => s === `Case ${number}: how did we do?`)).toHaveLength(1);
      const timeline = await activity(contact, number);
      expect(timeline.filter((a) => a.toState === 'closed')).toHaveLength(1);
    });

    it('lets the contact answer their survey once; nobody else can; staff see answers and a summary', async () => {
      const number = await open();
      await (await as(contact)).post(`/api/cases/${number}/close`, {});
      const client = await as(contact);
      const pending = (await client.get('/api/surveys')).json().items.find((s: { caseNumber: string }) => s.caseNumber === number);
      expect(pending).toMatchObject({ state: 'pending', answers: null });

      expect((await client.post(`/api/surveys/${pending.id}`, { answers: [5, 4, 5] })).statusCode).toBe(400);
      expect((await client.post(`/api/surveys/${pending.id}`, { answers: [5, 4, 5, 4, 6] })).statusCode).toBe(400);
      for (const other of [colleague, stranger]) {
        const response = await (await as(other)).post(`/api/surveys/${pending.id}`, { answers: [1, 1, 1, 1, 1] });
        expect(response.statusCode).toBe(404);
        expect((await (await as(other)).get(`/api/surveys/${pending.id}`)).statusCode).toBe(404);
      }
      const answered = await client.post(`/api/surveys/${pending.id}`, { answers: [5, 4, 5, 4, 5], comment: 'Great help' });
      expect(answered.json()).toMatchObject({ state: 'answered', answers: [5, 4, 5, 4, 5] });
      const twice = await client.post(`/api/surveys/${pending.id}`, { answers: [1, 1, 1, 1, 1] });
      expect(twice.statusCode).toBe(409);

      const staff = await as(agent);
      expect((await staff.get(`/api/cases/${number}/survey`)).json()).toMatchObject({ answers: [5, 4, 5, 4, 5], comment: 'Great help' });
      const summary = (await staff.get('/api/surveys/summary')).json();
      expect(summary.answered).toBeGreaterThanOrEqual(1);
      expect(summary.responseRate).toBeGreaterThan(0);
      expect(summary.averages).toHaveLength(5);
      expect((await client.get('/api/surveys/summary')).statusCode).toBe(403);
    });
  });
});
