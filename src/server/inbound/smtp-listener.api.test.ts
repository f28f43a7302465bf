import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDueMails } from '../lib/mail-delivery.ts';
import { createTestApp, databaseKinds, seedAccount, seedPerson, signIn, type TestContext } from '../test/helpers.ts';
import { startSmtpServer, type TestSmtpServer } from '../test/smtp.ts';
import { inboundMail } from './inbound-mail.ts';
import { startSmtpListener, type SmtpListener } from './smtp-listener.ts';

describe.each(databaseKinds)('The SMTP listener for replies (%s)', (kind) => {
  let ctx: TestContext;
  let outgoing: TestSmtpServer;
  let listener: SmtpListener;
  let failing = false;
  let contact: Awaited<ReturnType<typeof seedPerson>>;
  let number: string;
  const client = () => nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });

  beforeAll(async () => {
    ctx = await createTestApp(kind, { REPLY_ADDRESS: 'support@replies.example', INBOUND_MAX_MB: '1' });
    const take = inboundMail(ctx.app.deps)!;
    listener = await startSmtpListener({
      port: 0,
      host: '127.0.0.1',
      maxMessageBytes: ctx.config.inbound!.maxMessageBytes,
      replies: ctx.app.deps.replies!,
      take: (raw, envelope) => (failing ? Promise.reject(new Error('database is down')) : take(raw, envelope)),
      log: () => {},
    });
    outgoing = await startSmtpServer();
    contact = await seedPerson(ctx.db, { accountId: (await seedAccount(ctx.db)).id, firstName: 'Taro', lastName: 'Yamada' });
    number = (await (await signIn(ctx, contact)).post('/api/cases', { type: 'portal_issue', subject: 'Label printer jams', description: 'Every morning' })).json().number;
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: outgoing.port, secure: false, ignoreTLS: true });
    while ((await deliverDueMails({ db: ctx.db, transport, from: ctx.config.mailFrom, clock: ctx.clock })) > 0);
  });
  afterAll(async () => {
    await listener.close();
    await outgoing.close();
    await ctx.close();
  });

  it('receives a reply to a real case mail, sent by a mail client, as a comment', async () => {
    const caseMail = await outgoing.waitFor((mail) => mail.subject === `Case ${number} opened - Label printer jams`);
    expect(caseMail.headers.get('auto-submitted')).toBe('auto-generated');
    const replyTo = caseMail.replyTo!.value[0]!.address!;
    expect(replyTo).toMatch(/^support\+cs\d{7}-/);
    const info = await client().sendMail({
      from: contact.email,
      to: replyTo,
      subject: `Re: ${caseMail.subject}`,
      inReplyTo: caseMail.messageId,
      text: `It jammed again at 9:00.\n\nOn Mon, Dec 7, 2026 at 9:05 AM Caseway wrote:\n${caseMail.text!.split('\n').map((line) => `> ${line}`).join('\n')}\n`,
      attachments: [{ filename: 'photo.jpg', content: Buffer.from('jpeg bytes') }],
    });
    // 250 is answered after the comment committed: it is there when the client hears back.
    expect(info.response).toMatch(/^250/);
    const activity = (await ctx.db.selectFrom('case_activities').select(['kind', 'body']).where('case_id', '=', (await ctx.db.selectFrom('cases').select('id').where('number', '=', number).executeTakeFirstOrThrow()).id).orderBy('id').execute());
    expect(activity.filter((a) => a.kind === 'comment').map((a) => a.body)).toEqual(['It jammed again at 9:00.']);
    expect(activity.filter((a) => a.kind === 'attachment')).toHaveLength(1);
  });

  it('refuses every recipient that is not a verified reply address at RCPT, so it relays nothing', async () => {
    for (const to of ['someone@elsewhere.example', 'support@replies.example', 'support+cs0000001-1-aaaaaaaaaaaaaaaa@replies.example']) {
      await expect(client().sendMail({ from: contact.email, to, subject: 'Hi', text: 'Hi' }), to).rejects.toMatchObject({ responseCode: 550 });
    }
  });

  it('refuses a message over INBOUND_MAX_MB with 552, and answers 451 while the pipeline cannot commit, so the sender retries', async () => {
    const replyTo = (await outgoing.waitFor((mail) => mail.subject!.startsWith(`Case ${number}`))).replyTo!.value[0]!.address!;
    await expect(client().sendMail({ from: contact.email, to: replyTo, subject: 'Big', text: 'x'.repeat(1024 * 1024 + 10) })).rejects.toMatchObject({ responseCode: 552 });
    failing = true;
    try {
      await expect(client().sendMail({ from: contact.email, to: replyTo, subject: 'Later', text: 'Try me later' })).rejects.toMatchObject({ responseCode: 451 });
    } finally {
      failing = false;
    }
    expect(await ctx.db.selectFrom('case_activities').select('id').where('body', '=', 'Try me later').execute()).toEqual([]);
  });
});
