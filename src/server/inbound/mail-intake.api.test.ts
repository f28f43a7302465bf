import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseKinds, mailsTo, seedAccount, seedPerson, signIn, type TestContext } from '../test/helpers.ts';
import { startDovecot, type TestDovecot } from '../test/dovecot.ts';
import { startMailIntake, type MailIntake } from './mail-intake.ts';

const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
const rawMail = async (options: SendMailOptions) => (await composer.sendMail(options)).message as Buffer;

let dovecot: TestDovecot;
beforeAll(async () => {
  dovecot = await startDovecot({ users: databaseKinds });
});
afterAll(() => dovecot?.stop());

describe.each(databaseKinds)('Replies read from an IMAP mailbox (%s)', (kind) => {
  let ctx: TestContext;
  let intake: MailIntake;
  let contact: Awaited<ReturnType<typeof seedPerson>>;
  let number: string;
  let replyTo: string;

  beforeAll(async () => {
    // The poll is an hour: a mail is taken within seconds only if IDLE told of it.
    ctx = await createTestApp(kind, { REPLY_ADDRESS: 'support@replies.example', INBOUND_IMAP_URL: dovecot.url(kind), INBOUND_IMAP_POLL_SECONDS: '3600', INBOUND_MAX_MB: '1' });
    contact = await seedPerson(ctx.db, { accountId: (await seedAccount(ctx.db)).id, firstName: 'Taro', lastName: 'Yamada' });
    number = (await (await signIn(ctx, contact)).post('/api/cases', { type: 'portal_issue', subject: 'Label printer jams', description: 'Every morning' })).json().number;
    replyTo = ctx.app.deps.replies!.addressFor(number, contact.id);
    intake = await startMailIntake(ctx.app);
  });
  afterAll(async () => {
    await intake?.close();
    await ctx?.close();
  });

  const outcomes = () => ctx.db.selectFrom('inbound_mails').select(['message_key', 'outcome']).orderBy('received_at').execute();

  it('makes a reply delivered to the mailbox a comment on the case, and moves it to Caseway/Processed', async () => {
    await dovecot.deliver(kind, await rawMail({ from: contact.email, to: replyTo, subject: 'Re: Label printer jams', messageId: `<imap-1-${kind}@client.example>`, text: 'It jammed again at 9:00.' }));
    await expect.poll(outcomes, { timeout: 10_000 }).toEqual([{ message_key: `<imap-1-${kind}@client.example>`, outcome: 'comment' }]);
    const kase = await ctx.db.selectFrom('cases').select('id').where('number', '=', number).executeTakeFirstOrThrow();
    expect(await ctx.db.selectFrom('case_activities').select('body').where('case_id', '=', kase.id).where('kind', '=', 'comment').execute()).toEqual([{ body: 'It jammed again at 9:00.' }]);
    await expect.poll(() => dovecot.messageIds(kind, ['Caseway', 'Processed'])).toEqual([`<imap-1-${kind}@client.example>`]);
  });

  it('tells the sender of a mail over INBOUND_MAX_MB, which it reads only the headers of, that it was not added', async () => {
    const big = await rawMail({ from: contact.email, to: replyTo, subject: 'Re: the logs', messageId: `<imap-2-${kind}@client.example>`, text: 'Logs attached.', attachments: [{ filename: 'logs.txt', content: 'x'.repeat(1024 * 1024) }] });
    await dovecot.deliver(kind, big);
    await expect.poll(async () => (await outcomes()).at(-1), { timeout: 10_000 }).toEqual({ message_key: `<imap-2-${kind}@client.example>`, outcome: 'too_large' });
    expect((await mailsTo(ctx.db, contact.email)).map((mail) => mail.subject)).toContain('Your mail was not added to a case');
    await expect.poll(() => dovecot.messageIds(kind, ['Caseway', 'Processed'])).toHaveLength(2);
  });
});
