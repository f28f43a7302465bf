import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TERMS } from '../auth/terms.ts';
import { SAMPLE_CONTACT_DETAILS } from '../lib/settings.ts';
import { runAutoClose } from '../cases/auto-close.job.ts';
import { DAY, HOUR } from '../lib/clock.ts';
import { createTestApp, databaseKinds, latestPasscode, mailsTo, seedAccount, seedPerson, signIn, TestClient, type TestContext } from '../test/helpers.ts';

type Person = Awaited<ReturnType<typeof seedPerson>>;

describe.each(databaseKinds)('settings (%s)', (kind) => {
  let ctx: TestContext;
  let admin: Person;
  let agent: Person;
  let accountAdmin: Person;
  const clients = new Map<number, Promise<TestClient>>();
  const as = (person: Person) => {
    if (!clients.has(person.id)) clients.set(person.id, signIn(ctx, person));
    return clients.get(person.id)!;
  };
  const put = async (person: Person, url: string, payload: object) => (await as(person)).request({ method: 'PUT', url, payload });
  const settingsRows = () => ctx.db.selectFrom('settings').selectAll().where('key', 'not like', 'server_%').orderBy('key').execute();
  const auditOf = (type: string) => ctx.db.selectFrom('audit_events').selectAll().where('type', '=', type).orderBy('id').execute();

  const validTerms = { version: '1', textEn: DEFAULT_TERMS.en, textJa: DEFAULT_TERMS.ja };
  const validContact = { company: 'Example Software K.K.', email: 'support@example.com', phone: '+81 3-1234-5678', hours: 'Weekdays 9:00–18:00 JST', address: '1-2-3 Marunouchi\nChiyoda-ku, Tokyo' };

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    const accountId = (await seedAccount(ctx.db)).id;
    admin = await seedPerson(ctx.db, { kind: 'staff', roles: ['admin'], firstName: 'Aiko', lastName: 'Admin' });
    agent = await seedPerson(ctx.db, { kind: 'staff', roles: ['agent'] });
    accountAdmin = await seedPerson(ctx.db, { accountId, roles: ['approver', 'account_admin'] });
  });
  afterAll(() => ctx.close());

  it('shows the settings in force: sample terms and contact details it asks to replace, AUTO_CLOSE_DAYS', async () => {
    const answer = await (await as(admin)).get('/api/admin/settings');
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({
      terms: { version: '1', textEn: DEFAULT_TERMS.en, textJa: DEFAULT_TERMS.ja },
      contact: SAMPLE_CONTACT_DETAILS,
      autoClose: { hours: null, defaultDays: 10, effectiveHours: 240 },
      samples: { terms: true, contact: true },
    });
    expect((await new TestClient(ctx.app).get('/api/portal/contact')).json()).toEqual({ ...SAMPLE_CONTACT_DETAILS, sample: true });
  });

  it('is for vendor administrators only: visitors get 401, agents and account administrators 403, and nothing changes', async () => {
    const before = await settingsRows();
    const auditBefore = (await ctx.db.selectFrom('audit_events').select('id').where('type', 'like', 'settings.%').execute()).length;
    const visitor = new TestClient(ctx.app);
    const visitorAnswers = await Promise.all([
      visitor.get('/api/admin/settings'),
      visitor.request({ method: 'PUT', url: '/api/admin/settings/terms', payload: { ...validTerms, version: '9' } }),
      visitor.request({ method: 'PUT', url: '/api/admin/settings/contact', payload: validContact }),
      visitor.request({ method: 'PUT', url: '/api/admin/settings/auto-close', payload: { hours: 3 } }),
    ]);
    expect(visitorAnswers.map((a) => a.statusCode)).toEqual([401, 401, 401, 401]);
    for (const person of [agent, accountAdmin]) {
      const answers = [
        await (await as(person)).get('/api/admin/settings'),
        await put(person, '/api/admin/settings/terms', { ...validTerms, version: '9' }),
        await put(person, '/api/admin/settings/contact', validContact),
        await put(person, '/api/admin/settings/auto-close', { hours: 3 }),
      ];
      expect(answers.map((a) => a.statusCode)).toEqual([403, 403, 403, 403]);
      expect(answers[1]!.json().messageKey).toBe('errors.forbidden');
    }
    expect(await settingsRows()).toEqual(before);
    expect((await ctx.db.selectFrom('audit_events').select('id').where('type', 'like', 'settings.%').execute()).length).toBe(auditBefore);
  });

  it('refuses bad input with a message naming the field, and changes nothing', async () => {
    const before = await settingsRows();
    const cases: Array<[string, object, RegExp]> = [
      ['/api/admin/settings/auto-close', { hours: 0 }, /hours: Enter a whole number of hours from 1 to 8760 \(365 days\)/],
      ['/api/admin/settings/auto-close', { hours: 8761 }, /hours: Enter a whole number of hours from 1 to 8760/],
      ['/api/admin/settings/auto-close', { hours: 2.5 }, /hours: Enter a whole number/],
      ['/api/admin/settings/auto-close', { hours: '10' }, /hours/],
      ['/api/admin/settings/auto-close', { days: 3 }, /days/],
      ['/api/admin/settings/auto-close', {}, /hours/],
      ['/api/admin/settings/terms', { ...validTerms, textEn: '' }, /textEn: Enter the terms of use in English/],
      ['/api/admin/settings/terms', { ...validTerms, textJa: '   \n ' }, /textJa: Enter the terms of use in Japanese/],
      ['/api/admin/settings/terms', { ...validTerms, textJa: 'あ'.repeat(20_001) }, /textJa: The terms of use have at most 20,000 characters/],
      ['/api/admin/settings/terms', { ...validTerms, version: '' }, /version: Enter the version/],
      ['/api/admin/settings/terms', { ...validTerms, version: 'v'.repeat(51) }, /version: A version has at most 50 characters/],
      ['/api/admin/settings/terms', { ...validTerms, publishedAt: 1 }, /publishedAt/],
      ['/api/admin/settings/contact', { ...validContact, email: 'not an address' }, /email: Enter a valid e-mail address, or leave it empty/],
      ['/api/admin/settings/contact', { ...validContact, address: 'x'.repeat(1001) }, /address: The address has at most 1,000 characters/],
      ['/api/admin/settings/contact', { ...validContact, company: 'c'.repeat(201) }, /company: The company name has at most 200 characters/],
      ['/api/admin/settings/contact', { company: 'Only a company' }, /email/],
    ];
    for (const [url, payload, message] of cases) {
      const answer = await put(admin, url, payload);
      expect(answer.statusCode, `${url} ${JSON.stringify(payload).slice(0, 80)}`).toBe(400);
      expect(answer.json().message).toMatch(message);
      expect(answer.json().messageKey).toBe('errors.validation');
    }
    expect(await settingsRows()).toEqual(before);
  });

  it('publishes the contact details on "Contact Us", records who changed what, and records nothing for a save without change', async () => {
    const saved = await put(admin, '/api/admin/settings/contact', { ...validContact, company: '  Example Software K.K.  ' });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().contact).toEqual(validContact);
    expect((await new TestClient(ctx.app).get('/api/portal/contact')).json()).toEqual({ ...validContact, sample: false });
    expect(saved.json().samples).toEqual({ terms: true, contact: false });

    const events = await auditOf('settings.contact_changed');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_id: admin.id, ip: '127.0.0.1', account_id: null });
    // Changed from what "Contact Us" showed: the sample, whose e-mail address was kept.
    expect(JSON.parse(events[0]!.detail)).toEqual({ fields: ['company', 'phone', 'hours', 'address'] });

    await put(admin, '/api/admin/settings/contact', validContact);
    expect(await auditOf('settings.contact_changed')).toHaveLength(1);

    const cleared = await put(admin, '/api/admin/settings/contact', { ...validContact, phone: '', hours: '' });
    expect(cleared.json().contact).toMatchObject({ phone: '', hours: '', email: 'support@example.com' });
    expect((await new TestClient(ctx.app).get('/api/portal/contact')).json()).toMatchObject({ phone: '', hours: '' });
    expect(JSON.parse((await auditOf('settings.contact_changed'))[1]!.detail)).toEqual({ fields: ['phone', 'hours'] });
  });

  it('lets the auto-close job use the administrators’ wait, in days or hours, read at each pass, over AUTO_CLOSE_DAYS', async () => {
    const accountId = (await seedAccount(ctx.db, 'Closing Ltd')).id;
    const contact = await seedPerson(ctx.db, { accountId });
    const resolvedCase = async () => {
      const created = await (await as(contact)).post('/api/cases', { type: 'portal_issue', subject: 'Cannot find the download', description: 'Where is it?' });
      const number = created.json().number as string;
      await (await as(agent)).post(`/api/cases/${number}/propose-solution`, { solution: 'Under Downloads.' });
      return { number, resolvedAt: ctx.clock() };
    };
    const stateOf = async (number: string) => (await ctx.db.selectFrom('cases').select('state').where('number', '=', number).executeTakeFirstOrThrow()).state;
    const pass = (now: number) => runAutoClose({ db: ctx.db, now, defaultAutoCloseDays: 10, publicUrl: 'http://portal.test' });

    const saved = await put(admin, '/api/admin/settings/auto-close', { hours: 96 });
    expect(saved.json().autoClose).toEqual({ hours: 96, defaultDays: 10, effectiveHours: 96 });
    expect(JSON.parse((await auditOf('settings.auto_close_changed'))[0]!.detail)).toEqual({ fromHours: null, toHours: 96, defaultDays: 10 });

    const first = await resolvedCase();
    const resolvedMail = (await mailsTo(ctx.db, contact.email)).find((m) => m.subject === `Case ${first.number} has been resolved`);
    expect(resolvedMail?.text_body).toContain('closes by itself after 4 days');
    expect(await pass(first.resolvedAt + 2 * DAY)).toMatchObject({ reminded: 1, closed: 0 });
    expect(await pass(first.resolvedAt + 4 * DAY)).toMatchObject({ closed: 1 });
    expect(await stateOf(first.number)).toBe('closed');

    // A trial counts in hours: the mails say hours, the reminder comes after one, the case closes after two.
    await put(admin, '/api/admin/settings/auto-close', { hours: 2 });
    const trial = await resolvedCase();
    const trialMail = (await mailsTo(ctx.db, contact.email)).find((m) => m.subject === `Case ${trial.number} has been resolved`);
    expect(trialMail?.text_body).toContain('closes by itself after 2 hours');
    expect(await pass(trial.resolvedAt + HOUR - 1)).toMatchObject({ reminded: 0, closed: 0 });
    expect(await pass(trial.resolvedAt + HOUR)).toMatchObject({ reminded: 1, closed: 0 });
    const reminder = (await mailsTo(ctx.db, contact.email)).find((m) => m.subject === `Case ${trial.number} is waiting for your answer`);
    expect(reminder?.text_body).toContain('the case will be closed in 1 hour.');
    expect(await pass(trial.resolvedAt + 2 * HOUR)).toMatchObject({ closed: 1 });
    expect(await stateOf(trial.number)).toBe('closed');

    // Back to the environment's default: the next pass waits the 10 days again.
    const reset = await put(admin, '/api/admin/settings/auto-close', { hours: null });
    expect(reset.json().autoClose).toEqual({ hours: null, defaultDays: 10, effectiveHours: 240 });
    const second = await resolvedCase();
    await pass(second.resolvedAt + 4 * DAY);
    expect(await stateOf(second.number)).toBe('resolved');
    await pass(second.resolvedAt + 10 * DAY);
    expect(await stateOf(second.number)).toBe('closed');
  });

  it('asks everyone to accept a new version of the terms at their next login, and only then', async () => {
    const accountId = (await seedAccount(ctx.db, 'Terms Trading')).id;
    const contact = await seedPerson(ctx.db, { accountId, language: 'ja' });
    const loginStage = async () => {
      const client = new TestClient(ctx.app);
      await client.post('/api/auth/login', { email: contact.email, password: contact.password });
      const otp = await client.post('/api/auth/otp', { code: await latestPasscode(ctx.db, contact.email) });
      return { client, stage: otp.json().stage as string };
    };
    const signedIn = await loginStage();
    expect(signedIn.stage).toBe('active');

    // A corrected text under the same version asks nobody.
    const corrected = await put(admin, '/api/admin/settings/terms', { ...validTerms, textEn: `${DEFAULT_TERMS.en}\n6. Corrected.` });
    expect(corrected.json().terms).toMatchObject({ version: '1', textEn: `${DEFAULT_TERMS.en}\n6. Corrected.` });
    expect((await loginStage()).stage).toBe('active');

    const published = await put(admin, '/api/admin/settings/terms', { version: '2026-11', textEn: 'New terms.', textJa: '新しい利用規約。' });
    expect(published.statusCode).toBe(200);
    expect(published.json().terms).toEqual({ version: '2026-11', textEn: 'New terms.', textJa: '新しい利用規約。' });
    const [, bump] = await auditOf('settings.terms_changed');
    expect(JSON.parse(bump!.detail)).toEqual({ fields: ['version', 'textEn', 'textJa'], version: '2026-11', previousVersion: '1' });

    // The session already signed in goes on; the next login stops at the terms, in the contact's language.
    expect((await signedIn.client.get('/api/me')).statusCode).toBe(200);
    const next = await loginStage();
    expect(next.stage).toBe('terms');
    expect((await next.client.get('/api/auth/terms')).json()).toEqual({ version: '2026-11', text: '新しい利用規約。' });
    expect((await next.client.post('/api/auth/terms/accept', { version: '1' })).statusCode).toBe(409);
    expect((await next.client.post('/api/auth/terms/accept', { version: '2026-11' })).json().stage).toBe('active');
    expect(await ctx.db.selectFrom('people').select('terms_version_accepted').where('id', '=', contact.id).executeTakeFirstOrThrow()).toEqual({ terms_version_accepted: '2026-11' });
    expect((await loginStage()).stage).toBe('active');
  });
});
