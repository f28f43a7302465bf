import nodemailer from 'nodemailer';
import type { SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
import { createTestApp, databaseKinds, mailsTo, seedAccount, seedPerson, signIn, type TestClient, type TestContext } from '../test/helpers.ts';
import { inboundMail, type Envelope, type InboundOutcome } from './inbound-mail.ts';

type Person = Awaited<ReturnType<typeof seedPerson>>;

const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

/** A mail as a mail client sends it, in its raw bytes. */
export async function rawMail(options: SendMailOptions): Promise<Buffer> {
  const info = await composer.sendMail(options);
  return info.message as Buffer;
}

let sequence = 0;
const messageId = () => `<reply-${Date.now()}-${sequence++}@client.example>`;

describe.each(databaseKinds)('Replies by e-mail become comments (%s)', (kind) => {
  let ctx: TestContext;
  let take: (raw: Buffer, envelope?: Envelope) => Promise<InboundOutcome>;
  let contact: Person;
  let colleague: Person;
  let other: Person;
  let agent: Person;
  const clients = new Map<number, Promise<TestClient>>();
  const as = (person: Person) => {
    if (!clients.has(person.id)) clients.set(person.id, signIn(ctx, person));
    return clients.get(person.id)!;
  };
  const openCase = async (subject: string) => (await (await as(contact)).post('/api/cases', { type: 'portal_issue', subject, description: 'Details' })).json().number as string;
  const replyAddress = async (person: Person, number: string) => {
    const mail = (await mailsTo(ctx.db, person.email)).reverse().find((m) => m.subject.includes(number) && m.reply_to);
    if (!mail) throw new Error(`no mail of ${number} with a reply address to ${person.email}`);
    return mail.reply_to!;
  };
  const comments = async (number: string) =>
    ((await (await as(agent)).get(`/api/cases/${number}/activity`)).json().items as Array<Record<string, any>>).filter((a) => a.kind === 'comment');
  const reply = (from: string, to: string, options: SendMailOptions = {}) =>
    rawMail({ from, to, subject: 'Re: your case', messageId: messageId(), text: 'It happens again after the update.\n\nOn Mon, Dec 7, 2026 at 10:00 AM Caseway wrote:\n> —— Reply above this line ——\n> Hello,\n', ...options });

  beforeAll(async () => {
    ctx = await createTestApp(kind, { REPLY_ADDRESS: 'support@replies.example', MAX_ATTACHMENT_MB: '1', INBOUND_MAX_MB: '3' });
    take = inboundMail(ctx.app.deps)!;
    const acme = (await seedAccount(ctx.db, 'Acme')).id;
    contact = await seedPerson(ctx.db, { accountId: acme, firstName: 'Taro', lastName: 'Yamada' });
    colleague = await seedPerson(ctx.db, { accountId: acme, firstName: 'Hanako', lastName: 'Sato', language: 'ja' });
    other = await seedPerson(ctx.db, { accountId: (await seedAccount(ctx.db, 'Globex')).id, firstName: 'Ken', lastName: 'Ito' });
    agent = await seedPerson(ctx.db, { kind: 'staff', roles: ['agent'], firstName: 'Agent', lastName: 'Smith' });
  });
  afterAll(() => ctx.close());

  it('gives every case mail a reply address of its case and reader, saying a reply is added; a closed case mail none', async () => {
    const number = await openCase('Printer offline');
    const opened = (await mailsTo(ctx.db, contact.email)).find((m) => m.subject.startsWith(`Case ${number} opened`))!;
    expect(opened.reply_to).toMatch(new RegExp(`^support\\+${number.toLowerCase()}-${contact.id.toString(36)}-[a-z2-7]{16}@replies\\.example$`));
    expect(opened.text_body.split('\n')[0]).toBe('—— Reply above this line ——');
    expect(opened.text_body).toContain('You can reply to this mail');
    expect(opened.text_body).not.toContain('send-only');
    const toAgent = (await mailsTo(ctx.db, agent.email)).find((m) => m.subject.includes(number))!;
    expect(toAgent.reply_to).toContain(`-${agent.id.toString(36)}-`);
    expect(toAgent.auto_submitted).toBe('auto-generated');

    await (await as(contact)).post(`/api/cases/${number}/watchers`, { personId: colleague.id });
    await (await as(agent)).post(`/api/cases/${number}/comments`, { body: 'Which model?' });
    const toColleague = (await mailsTo(ctx.db, colleague.email)).find((m) => m.subject.includes(number))!;
    expect(toColleague.text_body.split('\n')[0]).toBe('―― この行より上に返信を書いてください ――');
    expect(toColleague.text_body).toContain('このメールに返信できます');
    expect(toColleague.reply_to).toBe(await replyAddress(colleague, number));
    expect(toColleague.reply_to).not.toBe(await replyAddress(contact, number));

    await (await as(contact)).post(`/api/cases/${number}/close`, { comment: '' });
    const closed = (await mailsTo(ctx.db, contact.email)).find((m) => m.subject === `Case ${number} has been closed`)!;
    expect(closed.reply_to).toBeNull();
    expect(closed.text_body).toContain('send-only');
  });

  it('adds a reply as the person’s comment with its attachment and without the quote, as a comment in the portal does', async () => {
    const number = await openCase('Sync fails');
    await (await as(agent)).post(`/api/cases/${number}/request-info`, { comment: 'Please send the log.' });
    const address = await replyAddress(contact, number);
    const raw = await reply(contact.email.toUpperCase(), address, { attachments: [{ filename: 'sync.log', content: 'ERROR disk full\n' }] });
    expect(await take(raw)).toBe('comment');

    const added = (await comments(number)).at(-1)!;
    expect(added).toMatchObject({ body: 'It happens again after the update.', author: { name: 'Taro Yamada', staff: false } });
    expect(added.attachments.map((a: { name: string }) => a.name)).toEqual(['sync.log']);
    const file = await (await as(contact)).get(`/api/attachments/${added.attachments[0].id}`);
    expect(file.body).toBe('ERROR disk full\n');
    // An answer to Awaiting Info puts the case back to work.
    expect((await (await as(agent)).get(`/api/cases/${number}`)).json().state).toBe('work_in_progress');
  });

  it('takes an HTML-only reply as text, and a staff member’s reply as their public comment', async () => {
    const number = await openCase('Slow search');
    const html = await rawMail({ from: contact.email, to: await replyAddress(contact, number), subject: 'Re', messageId: messageId(), html: '<p>It takes <b>ten</b> seconds.</p><blockquote>old</blockquote>' });
    expect(await take(html)).toBe('comment');
    expect((await comments(number)).at(-1)!.body).toContain('It takes ten seconds.');

    const fromAgent = await reply(agent.email, await replyAddress(agent, number), { text: 'Looking into it.' });
    expect(await take(fromAgent)).toBe('comment');
    const added = (await comments(number)).at(-1)!;
    expect(added).toMatchObject({ body: 'Looking into it.', author: { staff: true } });
    expect((await (await as(contact)).get(`/api/cases/${number}/activity`)).json().items.some((a: { body?: string }) => a.body === 'Looking into it.')).toBe(true);
  });

  it('takes the same mail once: again, and twice at the same moment', async () => {
    const number = await openCase('Twice');
    const raw = await reply(contact.email, await replyAddress(contact, number), { text: 'Only once, please.' });
    expect(await take(raw)).toBe('comment');
    expect(await take(raw)).toBe('duplicate');
    const parallel = await reply(contact.email, await replyAddress(contact, number), { text: 'At the same time.', attachments: [{ filename: 'a.txt', content: 'a' }] });
    const outcomes = await Promise.all([take(parallel), take(parallel), take(parallel)]);
    expect(outcomes.filter((o) => o === 'comment')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(2);
    expect((await comments(number)).map((c) => c.body)).toEqual(['Only once, please.', 'At the same time.']);
    // The copies' files were not left staged.
    expect(await ctx.db.selectFrom('attachments').select('id').where('case_id', 'is', null).where('uploaded_by', '=', contact.id).execute()).toEqual([]);
  });

  it('takes a mail once when two processes on one database get it at the same moment', async () => {
    const number = await openCase('Two processes');
    const other = kind === 'sqlite' ? openDatabase({ kind: 'sqlite', file: ctx.file! }) : openDatabase({ kind: 'postgres', url: ctx.url!, poolSize: 2 });
    try {
      const takeElsewhere = inboundMail({ ...ctx.app.deps, db: other })!;
      const raw = await reply(contact.email, await replyAddress(contact, number), { text: 'Sent once, fetched twice.' });
      const outcomes = await Promise.all([take(raw), takeElsewhere(raw)]);
      expect(outcomes.sort()).toEqual(['comment', 'duplicate']);
      expect((await comments(number)).map((c) => c.body)).toEqual(['Sent once, fetched twice.']);
    } finally {
      await other.destroy();
    }
  });

  it('takes a reply with a NUL character in it, which PostgreSQL’s text cannot hold, without it', async () => {
    const number = await openCase('Binary junk');
    const raw = await reply(contact.email, await replyAddress(contact, number), { subject: 'Re:\u0000 junk', text: 'Before\u0000after.' });
    expect(await take(raw)).toBe('comment');
    expect((await comments(number)).map((c) => c.body)).toEqual(['Beforeafter.']);
  });

  it('drops a mail with no sender to answer, and adds nothing', async () => {
    const before = await ctx.db.selectFrom('case_activities').select('id').execute();
    expect(await take(Buffer.from('Subject: ???\r\n\r\nno from, no message id\r\n'))).toBe('malformed');
    expect(await take(Buffer.from('Subject: ???\r\n\r\nno from, no message id\r\n'))).toBe('duplicate');
    expect(await ctx.db.selectFrom('case_activities').select('id').execute()).toEqual(before);
  });

  describe('refusals add nothing; a known sender hears why, once an hour, a stranger or a machine not at all', () => {
    let number: string;
    let address: string;
    const mailCount = async (email: string) => (await mailsTo(ctx.db, email)).length;
    const explanation = async (email: string) => (await mailsTo(ctx.db, email)).at(-1)!;
    /** Each test's explanations as if an hour had passed (the sessions' clock stays). */
    const nextHour = () => ctx.db.deleteFrom('inbound_explanations').execute();

    beforeAll(async () => {
      number = await openCase('Refusals');
      address = await replyAddress(contact, number);
    });

    it('refuses a forged or unknown address; explains to a known sender without naming a case', async () => {
      const forged = address.replace(/-[a-z2-7]{16}@/, '-aaaaaaaaaaaaaaaa@');
      const before = (await comments(number)).length;
      expect(await take(await reply(contact.email, forged))).toBe('unknown_address');
      const mail = await explanation(contact.email);
      expect(mail).toMatchObject({ subject: 'Your mail was not added to a case', auto_submitted: 'auto-replied', reply_to: null });
      expect(mail.text_body).not.toContain(number);
      const strangerMails = await mailsTo(ctx.db, 'stranger@elsewhere.example');
      expect(await take(await reply('stranger@elsewhere.example', forged))).toBe('unknown_address');
      expect(await mailsTo(ctx.db, 'stranger@elsewhere.example')).toEqual(strangerMails);
      expect((await comments(number)).length).toBe(before);
    });

    it('refuses a reply from someone other than the address’s person, and never names the case to them', async () => {
      await nextHour();
      const before = await mailCount(other.email);
      expect(await take(await reply(other.email, address))).toBe('not_the_person');
      expect(await mailCount(other.email)).toBe(before + 1);
      const mail = await explanation(other.email);
      expect(mail.text_body).toContain('made for another person');
      expect(`${mail.subject}${mail.text_body}`).not.toContain(number);
      expect(await take(await reply(colleague.email, address))).toBe('not_the_person');
      expect((await explanation(colleague.email)).subject).toBe('メールはケースに追加されませんでした');
    });

    it('explains once an hour per sender, so nothing loops', async () => {
      await nextHour();
      const before = await mailCount(other.email);
      for (let i = 0; i < 3; i++) expect(await take(await reply(other.email, address))).toBe('not_the_person');
      expect(await mailCount(other.email)).toBe(before + 1);
      ctx.clock.advance(3600_000);
      try {
        expect(await take(await reply(other.email, address))).toBe('not_the_person');
        expect(await mailCount(other.email)).toBe(before + 2);
      } finally {
        ctx.clock.advance(-3600_000);
      }
    });

    it('drops auto-replies and bounces without a word', async () => {
      await nextHour();
      const before = await mailCount(contact.email);
      const comments0 = (await comments(number)).length;
      expect(await take(await reply(contact.email, address, { headers: { 'Auto-Submitted': 'auto-replied' } }))).toBe('auto_reply');
      expect(await take(await reply(contact.email, address, { headers: { 'X-Autoreply': 'yes' } }))).toBe('auto_reply');
      expect(await take(await reply(contact.email, address, { headers: { Precedence: 'bulk' } }))).toBe('auto_reply');
      expect(await take(await reply(contact.email, address, { subject: 'Out of Office: back on Monday' }))).toBe('auto_reply');
      expect(await take(await reply(contact.email, address, { subject: '自動応答: 不在のお知らせ' }))).toBe('auto_reply');
      expect(await take(await reply('MAILER-DAEMON@mx.example', address))).toBe('bounce');
      expect(await take(await reply(contact.email, address), { from: '', to: [address] })).toBe('bounce');
      expect(await take(await reply(contact.email, address, { headers: { 'Auto-Submitted': 'no' }, text: 'Auto-Submitted: no is a person.' }))).toBe('comment');
      expect(await mailCount(contact.email)).toBe(before);
      expect((await comments(number)).length).toBe(comments0 + 1);
    });

    it('refuses an oversized mail, an oversized attachment and an empty reply, with the reason', async () => {
      await nextHour();
      const big = Buffer.alloc(1024 * 1024 + 1, 'x');
      expect(await take(await reply(contact.email, address, { attachments: [{ filename: 'dump.bin', content: big }] }))).toBe('attachment_too_large');
      expect((await explanation(contact.email)).text_body).toContain('"dump.bin"');
      await nextHour();
      const huge = await reply(contact.email, address, { attachments: [0, 1, 2].map((i) => ({ filename: `part${i}.bin`, content: Buffer.alloc(900 * 1024, 'y') })) });
      expect(huge.length).toBeGreaterThan(3 * 1024 * 1024);
      expect(await take(huge)).toBe('too_large');
      expect((await explanation(contact.email)).text_body).toContain('larger than 3 MB');
      await nextHour();
      expect(await take(await reply(contact.email, address, { text: '> only the quote\n> of the earlier mail\n' }))).toBe('empty');
      expect((await comments(number)).every((c) => !String(c.body).includes('only the quote'))).toBe(true);
      expect(await ctx.db.selectFrom('attachments').select('id').where('case_id', 'is', null).execute()).toEqual([]);
    });

    it('refuses a reply to a closed case, naming it to its person; and one from a person who may no longer comment', async () => {
      await nextHour();
      const watched = await openCase('Watched');
      await (await as(contact)).post(`/api/cases/${watched}/watchers`, { personId: colleague.id });
      await (await as(agent)).post(`/api/cases/${watched}/comments`, { body: 'Noted.' });
      const colleagueAddress = await replyAddress(colleague, watched);
      await (await as(contact)).request({ method: 'DELETE', url: `/api/cases/${watched}/watchers/${colleague.id}` });
      expect(await take(await reply(colleague.email, colleagueAddress))).toBe('may_not_comment');
      expect((await explanation(colleague.email)).text_body).toContain('コメントできなくなっています');

      await (await as(contact)).post(`/api/cases/${number}/close`, { comment: '' });
      expect(await take(await reply(contact.email, address))).toBe('closed_case');
      const mail = await explanation(contact.email);
      expect(mail.subject).toBe(`Your reply to case ${number} was not added`);
      expect(mail.text_body).toContain('Create follow-up case');
    });

    it('refuses a deactivated person’s reply', async () => {
      await nextHour();
      const fresh = await openCase('Deactivated');
      const freshAddress = await replyAddress(contact, fresh);
      await ctx.db.updateTable('people').set({ active: 0 }).where('id', '=', contact.id).execute();
      try {
        expect(await take(await reply(contact.email, freshAddress))).toBe('may_not_comment');
      } finally {
        await ctx.db.updateTable('people').set({ active: 1 }).where('id', '=', contact.id).execute();
      }
      expect((await comments(fresh)).length).toBe(0);
    });
  });
});
