import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { freePort } from './spawned-portal.ts';

export type DovecotOptions = {
  /** Mail users, each with its own INBOX; tests sharing one instance keep apart by using one each. */
  users?: string[];
  /** False: the server does not offer IDLE and MOVE, as an old or trimmed-down server does not. */
  modern?: boolean;
};

export type TestDovecot = {
  port: number;
  /** `imap://user:password@127.0.0.1:port/mailbox` for one of the users. */
  url: (user: string, mailbox?: string) => string;
  /** Puts a mail into the user's INBOX by IMAP APPEND, as delivery by an MTA would. */
  deliver: (user: string, raw: string | Buffer) => Promise<void>;
  /** The Message-IDs in one of the user's mailboxes, in UID order (path given as its parts). */
  messageIds: (user: string, mailbox: string[]) => Promise<string[]>;
  /** Deletes one of the user's mailboxes with what is in it, as a person tidying up would. */
  deleteMailbox: (user: string, mailbox: string[]) => Promise<void>;
  /** Stops the server (its sessions are dropped) and starts it again on the same port and mail. */
  restart: () => Promise<void>;
  stop: () => Promise<void>;
};

// Dovecot's own capability list minus IDLE and MOVE, for a server that offers neither.
const WITHOUT_IDLE_AND_MOVE =
  'IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE LITERAL+';

// Only root may chroot: a Dovecot started by another user runs these helpers unconfined.
const unconfined = ['anvil', 'imap-login', 'ipc', 'old-stats', 'aggregator'].map((service) => `service ${service} {\n  chroot =\n}\n`).join('');

const passwordOf = (user: string) => `pass-${user}`;

/** Who owns the mail files and runs Dovecot's helpers: Dovecot refuses root for mail and login processes. */
function accounts(): { root: boolean; internal: string; group: string; login: string; uid: number; gid: number } {
  const me = os.userInfo();
  if (me.uid !== 0) {
    return { root: false, internal: me.username, group: execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim(), login: me.username, uid: me.uid, gid: me.gid };
  }
  const id = (flag: string) => execFileSync('id', [flag, 'dovecot'], { encoding: 'utf8' }).trim();
  // Debian's package creates both users and the group.
  return { root: true, internal: 'dovecot', group: id('-gn'), login: 'dovenull', uid: Number(id('-u')), gid: Number(id('-g')) };
}

/**
 * Debian's Dovecot as an instance of its own: configuration, sockets, state, log and maildirs under
 * one temporary folder, IMAP in plain text on a free port of 127.0.0.1, nothing shared with a
 * system Dovecot or another test file's instance.
 */
export async function startDovecot({ users = ['caseway'], modern = true }: DovecotOptions = {}): Promise<TestDovecot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-dovecot-'));
  const port = await freePort();
  const owner = accounts();
  // Under root, Dovecot's auth and mail processes run as its own user: they must reach the
  // password file and the maildirs through the temporary folder.
  fs.chmodSync(dir, 0o711);
  fs.mkdirSync(path.join(dir, 'mail'));
  fs.chownSync(path.join(dir, 'mail'), owner.uid, owner.gid);
  fs.writeFileSync(path.join(dir, 'passwd'), users.map((user) => `${user}:{PLAIN}${passwordOf(user)}\n`).join(''), { mode: 0o644 });
  const conf = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(
    conf,
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
instance_name = ${path.basename(dir)}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = ${owner.internal}
default_internal_group = ${owner.group}
default_login_user = ${owner.login}
first_valid_uid = 1
mail_location = maildir:${dir}/mail/%u
mail_max_userip_connections = 100
# IDLE learns of new mail from inotify; this is only the fallback when a change is missed.
mailbox_idle_check_interval = 1 secs
${modern ? '' : `imap_capability = ${WITHOUT_IDLE_AND_MOVE}`}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${owner.uid} gid=${owner.gid} home=${dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
${owner.root ? '' : unconfined}`,
  );

  let child: ChildProcess | undefined;
  // Dovecot's master leaves its log process and open IMAP sessions running when it exits alone, so
  // signals go to its whole process group: stopping it drops every session, as a real restart does.
  const signal = (name: NodeJS.Signals) => {
    try {
      if (child?.pid) process.kill(-child.pid, name);
    } catch {
      // The group is gone already.
    }
  };
  const kill = () => signal('SIGKILL');
  const log = () => fs.readFileSync(path.join(dir, 'dovecot.log'), { encoding: 'utf8', flag: 'a+' });
  const start = async () => {
    child = spawn('/usr/sbin/dovecot', ['-F', '-c', conf], { stdio: 'ignore', detached: true });
    for (const started = Date.now(); ; await new Promise((resolve) => setTimeout(resolve, 50))) {
      if (child.exitCode !== null) throw new Error(`dovecot exited (${child.exitCode}): ${log()}`);
      if (await greets(port)) return;
      if (Date.now() - started > 10_000) throw new Error(`dovecot did not answer within 10 s: ${log()}`);
    }
  };
  const halt = async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      signal('SIGTERM');
      await exited;
    }
    kill();
  };
  // A test run that ends without stop() (a crash, a timeout) must not leave a server behind.
  process.on('exit', kill);
  const remove = () => {
    process.off('exit', kill);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await start();
  } catch (error) {
    kill();
    remove();
    throw error;
  }

  const client = async (user: string) => {
    const imap = new ImapFlow({ host: '127.0.0.1', port, secure: false, doSTARTTLS: false, auth: { user, pass: passwordOf(user) }, logger: false });
    imap.on('error', () => {});
    await imap.connect();
    return imap;
  };
  return {
    port,
    url: (user, mailbox = 'INBOX') => `imap://${encodeURIComponent(user)}:${encodeURIComponent(passwordOf(user))}@127.0.0.1:${port}/${encodeURIComponent(mailbox)}`,
    deliver: async (user, raw) => {
      const imap = await client(user);
      try {
        await imap.append('INBOX', raw);
      } finally {
        await imap.logout();
      }
    },
    messageIds: async (user, mailbox) => {
      const imap = await client(user);
      try {
        const listed = await imap.list();
        const wanted = listed.find((box) => box.path === mailbox.join(box.delimiter));
        if (!wanted) return [];
        await imap.mailboxOpen(wanted.path, { readOnly: true });
        const messages = await imap.fetchAll('1:*', { uid: true, envelope: true }, { uid: true }).catch(() => []);
        return messages.map((message) => message.envelope?.messageId ?? '');
      } finally {
        await imap.logout();
      }
    },
    deleteMailbox: async (user, mailbox) => {
      const imap = await client(user);
      try {
        await imap.mailboxDelete(mailbox);
      } finally {
        await imap.logout();
      }
    },
    restart: async () => {
      await halt();
      await start();
    },
    stop: async () => {
      await halt();
      remove();
    },
  };
}

/** True once something on the port sends an IMAP greeting. */
function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('data', (data) => done(data.toString().startsWith('* OK')));
    socket.once('error', () => done(false));
  });
}
