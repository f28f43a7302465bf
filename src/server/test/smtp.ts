import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type TestSmtpServer = {
  port: number;
  messages: ParsedMail[];
  /** While true, every message is refused with a temporary error, as a server under maintenance does. */
  failing: boolean;
  /** How long the server waits before its greeting, as a server that came back slow does. */
  greetingDelayMs: number;
  /** Connections opened so far, whether or not a message followed. */
  connections: number;
  waitFor: (predicate: (mail: ParsedMail) => boolean, timeoutMs?: number) => Promise<ParsedMail>;
  close: () => Promise<void>;
};

/** A real SMTP server on a free local port that keeps what it receives. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const state: TestSmtpServer = {
    port: 0,
    messages: [],
    failing: false,
    greetingDelayMs: 0,
    connections: 0,
    waitFor: async (predicate, timeoutMs = 15_000) => {
      const started = Date.now();
      for (;;) {
        const found = state.messages.find(predicate);
        if (found) return found;
        if (Date.now() - started > timeoutMs) throw new Error(`no matching mail within ${timeoutMs} ms; got: ${state.messages.map((m) => m.subject).join(' | ')}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      state.connections++;
      setTimeout(callback, state.greetingDelayMs);
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (state.failing) return callback(Object.assign(new Error('Service temporarily unavailable'), { responseCode: 421 }));
        simpleParser(Buffer.concat(chunks)).then((mail) => {
          state.messages.push(mail);
          callback();
        }, callback);
      });
    },
  });
  // A client that gives up on a slow greeting resets its connection; that is not the test's failure.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.port = (server.server.address() as { port: number }).port;
  return state;
}
