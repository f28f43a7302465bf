import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type TestDovecot } from '../test/dovecot.ts';
import { imapSettings, PROCESSED_FOLDER, startImapIntake, type ImapIntake, type ImapIntakeOptions, type OversizedMail } from './imap-intake.ts';

const mail = (id: string, body = 'A reply by e-mail.') =>
  `From: Hanako Yamada <hanako@customer.example>\r\nTo: support@vendor.example\r\nSubject: Re: Case CS0000001\r\nMessage-ID: <${id}@customer.example>\r\n\r\n${body}\r\n`;
const idOf = (raw: Buffer) => /^Message-ID: <([^@]+)@/m.exec(raw.toString())![1]!;

/** A logger that keeps what was logged, so a test can say that nothing went wrong. */
function recordingLog() {
  const lines: { level: string; message: string; detail: object }[] = [];
  const at = (level: string) => (detail: object, message?: string) => void lines.push({ level, message: message ?? '', detail });
  return { lines, log: { info: at('info'), warn: at('warn'), error: at('error') } as ImapIntakeOptions['log'] };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition') {
  for (const started = Date.now(); !(await condition()); await new Promise((resolve) => setTimeout(resolve, 25))) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what} not met within ${timeoutMs} ms`);
  }
}

const running: ImapIntake[] = [];
function intake(options: Partial<ImapIntakeOptions> & Pick<ImapIntakeOptions, 'url' | 'onMessage'>) {
  const started = startImapIntake({ pollSeconds: 60, log: recordingLog().log, ...options });
  running.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((one) => one.stop()));
});

describe('the IMAP intake URL', () => {
  it('names the server, the decoded user and password, and the mailbox (INBOX by default)', () => {
    expect(imapSettings('imaps://support%40vendor.example:p%40ss%2Fword@imap.example.com/Replies')).toEqual({
      client: { host: 'imap.example.com', port: 993, secure: true, auth: { user: 'support@vendor.example', pass: 'p@ss/word' } },
      mailbox: 'Replies',
    });
    expect(imapSettings('imap://u:p@127.0.0.1:1143')).toMatchObject({ client: { port: 1143, secure: false }, mailbox: 'INBOX' });
    expect(imapSettings('imap://u:p@[::1]/Support%2FReplies')).toMatchObject({ client: { host: '::1', port: 143 }, mailbox: 'Support/Replies' });
  });
});

describe('stopping the IMAP intake', () => {
  it('does not wait for a server that accepts the connection but never greets', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const started = startImapIntake({ url: `imap://u:p@127.0.0.1:${port}/INBOX`, pollSeconds: 60, log: recordingLog().log, onMessage: async () => {} });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const stopping = Date.now();
      await started.stop();
      expect(Date.now() - stopping).toBeLessThan(1000);
    } finally {
      silent.close();
    }
  });
});

describe('IMAP intake from a Dovecot with IDLE', () => {
  let dovecot: TestDovecot;
  beforeAll(async () => {
    dovecot = await startDovecot({ users: ['present', 'arriving', 'failing', 'oversized', 'shared', 'stopping', 'restarted', 'tidied', 'refused'] });
  });
  afterAll(() => dovecot?.stop());

  it('hands over every mail there at start once and moves it to Caseway/Processed', async () => {
    for (const id of ['one', 'two', 'three']) await dovecot.deliver('present', mail(id));
    const handed: string[] = [];
    intake({ url: dovecot.url('present'), onMessage: async (raw) => void handed.push(idOf(raw)) });
    await until(async () => (await dovecot.messageIds('present', PROCESSED_FOLDER)).length === 3, 5000, 'three mails processed');
    expect(handed).toEqual(['one', 'two', 'three']);
    expect(await dovecot.messageIds('present', ['INBOX'])).toEqual([]);
  });

  it('hands over a mail that arrives while it waits within a second or two', async () => {
    const handed: string[] = [];
    intake({ url: dovecot.url('arriving'), pollSeconds: 3600, onMessage: async (raw) => void handed.push(idOf(raw)) });
    await until(async () => (await dovecot.messageIds('arriving', PROCESSED_FOLDER)).length === 0 && handed.length === 0, 2000);
    // Give it time to be in IDLE: the poll, an hour away, cannot be what finds the mail.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const sent = Date.now();
    await dovecot.deliver('arriving', mail('new'));
    await until(() => handed.length === 1, 2000, 'the new mail handed over');
    expect(Date.now() - sent).toBeLessThan(2000);
    expect(handed).toEqual(['new']);
  });

  it('leaves a mail whose handover failed in the mailbox and hands it over again at the next poll', async () => {
    await dovecot.deliver('failing', mail('retried'));
    const { lines, log } = recordingLog();
    let attempts = 0;
    intake({
      url: dovecot.url('failing'),
      pollSeconds: 1,
      log,
      onMessage: async () => {
        if (++attempts === 1) throw new Error('the database is down');
      },
    });
    await until(() => attempts === 1, 3000, 'a first attempt');
    expect(await dovecot.messageIds('failing', ['INBOX'])).toEqual(['<retried@customer.example>']);
    await until(async () => (await dovecot.messageIds('failing', PROCESSED_FOLDER)).length === 1, 4000, 'the mail processed');
    expect(attempts).toBe(2);
    expect(await dovecot.messageIds('failing', ['INBOX'])).toEqual([]);
    expect(lines.filter((line) => line.level === 'warn').map((line) => line.message)).toEqual([
      'IMAP intake: a mail could not be taken now; it stays in the mailbox and is tried again at the next poll',
    ]);
  });

  it('gives a mail over maxBytes to onOversized with its sender and headers, not to onMessage, and moves it too', async () => {
    await dovecot.deliver('oversized', mail('small'));
    await dovecot.deliver('oversized', mail('large', 'x'.repeat(5000)));
    const handed: string[] = [];
    const oversized: OversizedMail[] = [];
    intake({
      url: dovecot.url('oversized'),
      maxBytes: 4000,
      onMessage: async (raw) => void handed.push(idOf(raw)),
      onOversized: async (found) => void oversized.push(found),
    });
    await until(async () => (await dovecot.messageIds('oversized', PROCESSED_FOLDER)).length === 2, 5000, 'both mails processed');
    expect(handed).toEqual(['small']);
    expect(oversized).toEqual([{ from: 'hanako@customer.example', messageId: '<large@customer.example>', size: expect.any(Number), headers: expect.any(Buffer) }]);
    expect(oversized[0]!.size).toBeGreaterThan(5000);
    expect(oversized[0]!.headers.toString()).toMatch(/^Subject: Re: Case CS0000001\r$/m);
    expect(oversized[0]!.headers.toString()).not.toContain('xxx');
  });

  it('reads every pollSeconds on a connection where the server refuses the IDLE it offers', async () => {
    // A proxy that garbles the IDLE command, so the server answers it with BAD.
    let refused = 0;
    const proxy = net.createServer((client) => {
      const server = net.connect(dovecot.port, '127.0.0.1');
      client.on('data', (data: Buffer) => {
        const line = data.toString('latin1');
        if (/^\S+ IDLE\r\n/.test(line)) refused++;
        server.write(line.replace(/^(\S+) IDLE\r\n/, '$1 XIDLE\r\n'), 'latin1');
      });
      server.pipe(client);
      client.on('close', () => server.destroy());
      server.on('close', () => client.destroy());
      client.on('error', () => {});
      server.on('error', () => {});
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const handed: string[] = [];
      const { lines, log } = recordingLog();
      const url = dovecot.url('refused').replace(`:${dovecot.port}/`, `:${(proxy.address() as net.AddressInfo).port}/`);
      intake({ url, pollSeconds: 1, log, onMessage: async (raw) => void handed.push(idOf(raw)) });
      await until(() => refused > 0, 3000, 'IDLE refused');
      await dovecot.deliver('refused', mail('polled'));
      await until(() => handed.length === 1, 3000, 'the mail handed over');
      expect(lines.filter((line) => line.level !== 'info')).toEqual([]);
      // Refused once, then no more asked for: no busy loop of IDLE and a read.
      expect(refused).toBe(1);
    } finally {
      proxy.close();
    }
  });

  it('makes Caseway/Processed again when someone deleted it while it ran', async () => {
    await dovecot.deliver('tidied', mail('before'));
    const handed: string[] = [];
    const { lines, log } = recordingLog();
    intake({ url: dovecot.url('tidied'), log, onMessage: async (raw) => void handed.push(idOf(raw)) });
    await until(async () => (await dovecot.messageIds('tidied', PROCESSED_FOLDER)).length === 1, 3000, 'the first mail processed');
    await dovecot.deleteMailbox('tidied', PROCESSED_FOLDER);
    await dovecot.deliver('tidied', mail('after'));
    await until(async () => (await dovecot.messageIds('tidied', PROCESSED_FOLDER)).length === 1 && handed.length >= 3, 5000, 'the folder made again');
    expect(await dovecot.messageIds('tidied', PROCESSED_FOLDER)).toEqual(['<after@customer.example>']);
    // Handed over again after the refused move, as the pipeline expects of a mail still in the mailbox.
    expect(handed).toEqual(['before', 'after', 'after']);
    expect(lines.filter((line) => line.level === 'warn').map((line) => String((line.detail as { err?: Error }).err?.message))).toEqual([
      'a taken mail (UID 2) could not be moved to Caseway/Processed; it will be handed over again',
    ]);
  });

  it('lets two processes read one mailbox: each mail handed over at least once, all moved, no error', async () => {
    const ids = Array.from({ length: 8 }, (_, i) => `shared-${i}`);
    for (const id of ids.slice(0, 4)) await dovecot.deliver('shared', mail(id));
    const handed = new Set<string>();
    const logs = [recordingLog(), recordingLog()];
    for (const { log } of logs) intake({ url: dovecot.url('shared'), pollSeconds: 1, log, onMessage: async (raw) => void handed.add(idOf(raw)) });
    // Half of them while both wait in IDLE, so both wake for the same mails.
    await until(() => handed.size === 4, 5000, 'the first four handed over');
    await Promise.all(ids.slice(4).map((id) => dovecot.deliver('shared', mail(id))));
    await until(async () => new Set(await dovecot.messageIds('shared', PROCESSED_FOLDER)).size === 8, 5000, 'all eight processed');
    expect([...handed].sort()).toEqual(ids);
    expect(await dovecot.messageIds('shared', ['INBOX'])).toEqual([]);
    expect(logs.flatMap(({ lines }) => lines.filter((line) => line.level !== 'info'))).toEqual([]);
  });

  it('stops cleanly: a handover in progress is finished and moved, later mail stays', async () => {
    await dovecot.deliver('stopping', mail('in-progress'));
    let release = () => {};
    let begun = false;
    const { lines, log } = recordingLog();
    const started = intake({
      url: dovecot.url('stopping'),
      log,
      onMessage: () => {
        begun = true;
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    await until(() => begun, 3000, 'the handover begun');
    const stopping = started.stop();
    release();
    await stopping;
    expect(await dovecot.messageIds('stopping', PROCESSED_FOLDER)).toEqual(['<in-progress@customer.example>']);
    await dovecot.deliver('stopping', mail('after-stop'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await dovecot.messageIds('stopping', ['INBOX'])).toEqual(['<after-stop@customer.example>']);
    expect(lines.filter((line) => line.level !== 'info')).toEqual([]);
  });

  it('survives a restart of the server: it connects again and hands over mail that came meanwhile', async () => {
    const handed: string[] = [];
    const { lines, log } = recordingLog();
    intake({ url: dovecot.url('present'), pollSeconds: 3600, log, onMessage: async (raw) => void handed.push(idOf(raw)) });
    await until(() => lines.some((line) => line.message.includes('waiting for new mail with IDLE')), 3000, 'the intake connected');
    await dovecot.restart();
    await dovecot.deliver('present', mail('after-restart'));
    await until(() => handed.length === 1, 5000, 'the mail after the restart handed over');
    expect(handed).toEqual(['after-restart']);
    // Connecting again may fail while the server is still starting: as many tries as it took.
    expect(new Set(lines.map((line) => line.message))).toEqual(
      new Set(['IMAP intake: reading the mailbox, waiting for new mail with IDLE', 'IMAP intake: the mailbox cannot be read; connecting again']),
    );
    expect(lines.filter((line) => line.message.includes('with IDLE'))).toHaveLength(2);
  });

  it('hands a mail over again when the connection was lost before it could be moved', async () => {
    for (const id of ['cut-off', 'next']) await dovecot.deliver('restarted', mail(id));
    const handed: string[] = [];
    const { lines, log } = recordingLog();
    intake({
      url: dovecot.url('restarted'),
      log,
      onMessage: async (raw) => {
        handed.push(idOf(raw));
        if (handed.length === 1) await dovecot.restart();
      },
    });
    await until(() => handed.length === 3, 8000, 'three handovers');
    expect(handed).toEqual(['cut-off', 'cut-off', 'next']);
    await until(async () => (await dovecot.messageIds('restarted', PROCESSED_FOLDER)).length === 2, 2000, 'both mails processed');
    expect(new Set(lines.filter((line) => line.level === 'warn').map((line) => line.message))).toEqual(
      new Set(['IMAP intake: the mailbox cannot be read; connecting again']),
    );
  });
});

describe('IMAP intake from a server without IDLE and MOVE', () => {
  let dovecot: TestDovecot;
  beforeAll(async () => {
    dovecot = await startDovecot({ users: ['polled', 'shared'], modern: false });
  });
  afterAll(() => dovecot?.stop());

  it('reads the mailbox every pollSeconds and moves by copy, \\Deleted and expunge', async () => {
    await dovecot.deliver('polled', mail('waiting'));
    const handed: string[] = [];
    const { lines, log } = recordingLog();
    intake({ url: dovecot.url('polled'), pollSeconds: 1, log, onMessage: async (raw) => void handed.push(idOf(raw)) });
    await until(() => handed.length === 1, 3000, 'the waiting mail handed over');
    await dovecot.deliver('polled', mail('polled-later'));
    await until(async () => (await dovecot.messageIds('polled', PROCESSED_FOLDER)).length === 2, 3000, 'both mails processed');
    expect(handed).toEqual(['waiting', 'polled-later']);
    expect(await dovecot.messageIds('polled', ['INBOX'])).toEqual([]);
    expect(lines.find((line) => line.level === 'info')?.message).toBe('IMAP intake: reading the mailbox every 1 s (the server has no IDLE)');
  });

  it('lets two processes read one mailbox without MOVE: no mail lost, no error', async () => {
    const ids = Array.from({ length: 6 }, (_, i) => `copied-${i}`);
    for (const id of ids) await dovecot.deliver('shared', mail(id));
    const handed = new Set<string>();
    const logs = [recordingLog(), recordingLog()];
    for (const { log } of logs) intake({ url: dovecot.url('shared'), pollSeconds: 1, log, onMessage: async (raw) => void handed.add(idOf(raw)) });
    await until(async () => (await dovecot.messageIds('shared', ['INBOX'])).length === 0 && handed.size === 6, 5000, 'the inbox emptied');
    expect(new Set(await dovecot.messageIds('shared', PROCESSED_FOLDER))).toEqual(new Set(ids.map((id) => `<${id}@customer.example>`)));
    expect(logs.flatMap(({ lines }) => lines.filter((line) => line.level !== 'info'))).toEqual([]);
  });

  // Last: Dovecot slows every login from an address that gave a wrong password for a while.
  it('logs a refused password as an error that names the variable to correct, without the password', async () => {
    const { lines, log } = recordingLog();
    intake({ url: dovecot.url('polled').replace(':pass-polled@', ':wrong-password@'), log, onMessage: async () => {} });
    await until(() => lines.length > 0, 3000, 'a first try');
    expect(lines[0]).toMatchObject({ level: 'error', message: 'IMAP intake: the server refused the user and password of INBOUND_IMAP_URL', detail: { user: 'polled' } });
    expect(JSON.stringify(lines)).not.toContain('wrong-password');
  });
});
