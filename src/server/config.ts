import path from 'node:path';
import { z } from 'zod';
import { isKnownTimeZone } from '../shared/reference.ts';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** An S3 bucket's address, `s3://bucket` or `s3://bucket/prefix`. */
export const S3_URL = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;

/** An IMAP mailbox's address with the credentials to read it: imap:// or imaps://, user and password, a host. */
function isImapUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'imap:' || url.protocol === 'imaps:') && url.hostname !== '' && decodeURIComponent(url.username) !== '' && decodeURIComponent(url.password) !== '';
  } catch {
    return false;
  }
}

/** The environment Caseway reads at boot. Anything not named here is ignored. */
const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  /** Unset: the embedded SQLite file under DATA_DIR. `postgres://…`: PostgreSQL. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// (leave it unset for the embedded SQLite database)')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Base of every link in a mail; never taken from the request's Host header. */
  PUBLIC_URL: z.url({ message: 'PUBLIC_URL must be an absolute URL such as https://support.example.com' }).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL must look like smtp://host:port or smtps://user:pass@host:port')
    .optional(),
  /** Unset: the send-only default below, or, with REPLY_ADDRESS, one that does not say "do not reply". */
  MAIL_FROM: z.string().min(3).optional(),
  AUTO_CLOSE_DAYS: z.coerce.number().int().min(1).max(365).default(10),
  /** The time zone of people created without one: staff (CLI, Staff page) and contacts made by the CLI. */
  DEFAULT_TIME_ZONE: z
    .string()
    .refine(isKnownTimeZone, 'DEFAULT_TIME_ZONE must be an IANA time zone such as Asia/Tokyo or UTC')
    .default('UTC'),
  /** Unset: files in DATA_DIR/attachments. `s3://bucket/prefix`: an S3-compatible bucket (several hosts share it). */
  ATTACHMENTS_URL: z
    .string()
    .regex(S3_URL, 'ATTACHMENTS_URL must look like s3://bucket or s3://bucket/prefix (leave it unset to keep files under DATA_DIR)')
    .optional(),
  /** The S3 service's address for MinIO, Ceph or R2 (unset: AWS); credentials come from the usual AWS_* variables. */
  S3_ENDPOINT: z.url({ message: 'S3_ENDPOINT must be an absolute URL such as https://minio.internal:9000' }).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  /** Addresses as endpoint/bucket/key rather than bucket.endpoint/key: MinIO and Ceph usually need it. */
  S3_FORCE_PATH_STYLE: booleanFromEnv.default(false),
  MAX_ATTACHMENT_MB: z.coerce.number().int().min(1).max(2048).default(25),
  /** Number of proxy hops whose X-Forwarded-For is trusted; 0 trusts none. */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Unset: no metrics. A port: Prometheus's GET /metrics there, apart from the portal's port. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Where the metrics port listens; 127.0.0.1 unless a Prometheus on another host must reach it. */
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** Unset: no mail is read by IMAP. Set: replies by e-mail are taken from that mailbox (the path names it, INBOX by default). */
  INBOUND_IMAP_URL: z
    .string()
    .refine(
      isImapUrl,
      'INBOUND_IMAP_URL must look like imaps://user:password@imap.example.com/INBOX (imap:// upgrades with STARTTLS where the server offers it; write @ : / % in the user or password as %40 %3A %2F %25)',
    )
    .optional(),
  /** How often the mailbox is read where the server has no IDLE, and how soon a mail that could not be taken is tried again. */
  INBOUND_IMAP_POLL_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Turns the per-address rate limits off; only for tests that hammer one route from one address. */
  RATE_LIMITS: booleanFromEnv.default(true),
  /** Set: replies to case mails become comments. Each case mail's Reply-To is this address with a signed `+token`. */
  REPLY_ADDRESS: z
    .email({ message: 'REPLY_ADDRESS must be a plain address such as support@example.com' })
    .refine((address) => !address.split('@')[0]!.includes('+'), 'REPLY_ADDRESS must have no + in it: the portal adds +token to it')
    .optional(),
  /** Set: the portal's own SMTP listener for mail an MX record points at it. */
  INBOUND_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  INBOUND_SMTP_HOST: z.string().min(1).default('0.0.0.0'),
  /** The largest incoming mail taken whole; unset: room for one attachment of MAX_ATTACHMENT_MB in base64, plus 1 MB. */
  INBOUND_MAX_MB: z.coerce.number().int().min(1).max(4096).optional(),
});

export type Config = {
  environment: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  sqlitePath: string;
  /** The snapshot of the knowledge search index (knowledge/index-snapshot.ts); null under NODE_ENV=test, where many apps share a folder. */
  searchSnapshot: string | null;
  publicUrl: string;
  /** False when PUBLIC_URL was left to its localhost default. */
  publicUrlConfigured: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  autoCloseDays: number;
  defaultTimeZone: string;
  maxAttachmentBytes: number;
  /** Where attachment files live: the folder under DATA_DIR, or a bucket. */
  attachments: AttachmentsLocation;
  /** How to reach S3 (for ATTACHMENTS_URL and `caseway attachments migrate --to`). */
  s3: S3Settings;
  trustProxyHops: number;
  metricsPort: number | undefined;
  metricsHost: string;
  /** The mailbox replies by e-mail are read from (credentials inside: never log it); unset: none. */
  inboundImapUrl: string | undefined;
  inboundImapPollSeconds: number;
  logLevel: string;
  rateLimits: boolean;
  /** Mails kept in the development mailbox page instead of being sent. */
  devMailbox: boolean;
  /** Replies by e-mail (REPLY_ADDRESS); null when they are off. */
  inbound: InboundSettings | null;
};

export type InboundSettings = {
  /** REPLY_ADDRESS, lower-cased: the local part and domain every reply address is built from. */
  replyAddress: string;
  smtpPort: number | undefined;
  smtpHost: string;
  maxMessageBytes: number;
};

const SEND_ONLY_FROM = '"Caseway (send-only, do not reply)" <no-reply@caseway.invalid>';
const REPLYABLE_FROM = '"Caseway" <no-reply@caseway.invalid>';

export class ConfigError extends Error {}

export type S3Bucket = { kind: 's3'; bucket: string; prefix: string };
export type AttachmentsLocation = { kind: 'folder'; dir: string } | S3Bucket;
export type S3Settings = { endpoint: string | undefined; region: string; forcePathStyle: boolean };

/** `s3://bucket/some/prefix` → the bucket and the prefix its keys start with ("" or ending in /). */
export function s3Location(url: string): S3Bucket {
  const { host: bucket, pathname } = new URL(url);
  const prefix = pathname.replace(/^\/+|\/+$/g, '');
  return { kind: 's3', bucket, prefix: prefix ? `${prefix}/` : '' };
}

/** Parses the environment once at boot; a bad value stops the process with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`DATABASE_URL=`) means unset, as shells and service files write it.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  if (e.INBOUND_SMTP_PORT !== undefined && !e.REPLY_ADDRESS) {
    throw new ConfigError('Invalid configuration: INBOUND_SMTP_PORT needs REPLY_ADDRESS, since the listener takes only replies to its addresses.');
  }
  if (e.INBOUND_IMAP_URL !== undefined && !e.REPLY_ADDRESS) {
    throw new ConfigError('Invalid configuration: INBOUND_IMAP_URL needs REPLY_ADDRESS, since only replies to its addresses are taken from the mailbox.');
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    environment: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    sqlitePath: path.resolve(e.DATA_DIR, 'caseway.sqlite'),
    searchSnapshot: e.NODE_ENV === 'test' ? null : path.resolve(e.DATA_DIR, 'search-index.snapshot'),
    publicUrl,
    publicUrlConfigured: e.PUBLIC_URL !== undefined,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM ?? (e.REPLY_ADDRESS ? REPLYABLE_FROM : SEND_ONLY_FROM),
    autoCloseDays: e.AUTO_CLOSE_DAYS,
    defaultTimeZone: e.DEFAULT_TIME_ZONE,
    maxAttachmentBytes: e.MAX_ATTACHMENT_MB * 1024 * 1024,
    attachments: e.ATTACHMENTS_URL ? s3Location(e.ATTACHMENTS_URL) : { kind: 'folder', dir: path.resolve(e.DATA_DIR, 'attachments') },
    s3: { endpoint: e.S3_ENDPOINT, region: e.S3_REGION, forcePathStyle: e.S3_FORCE_PATH_STYLE },
    trustProxyHops: e.TRUST_PROXY_HOPS,
    metricsPort: e.METRICS_PORT,
    metricsHost: e.METRICS_HOST,
    inboundImapUrl: e.INBOUND_IMAP_URL,
    inboundImapPollSeconds: e.INBOUND_IMAP_POLL_SECONDS,
    logLevel: e.LOG_LEVEL,
    rateLimits: e.RATE_LIMITS,
    devMailbox: !e.SMTP_URL && e.NODE_ENV !== 'production',
    inbound: e.REPLY_ADDRESS
      ? {
          replyAddress: e.REPLY_ADDRESS.toLowerCase(),
          smtpPort: e.INBOUND_SMTP_PORT,
          smtpHost: e.INBOUND_SMTP_HOST,
          maxMessageBytes: (e.INBOUND_MAX_MB ?? Math.ceil((e.MAX_ATTACHMENT_MB * 4) / 3) + 1) * 1024 * 1024,
        }
      : null,
  };
}

/** Refuses to serve in production without a way to deliver mail: temporary passwords would be lost. */
export function assertServable(config: Config): void {
  if (config.environment === 'production' && !config.smtpUrl) {
    throw new ConfigError('SMTP_URL is required when NODE_ENV=production: Caseway must be able to send temporary passwords and one-time passcodes.');
  }
  if (config.environment === 'production' && !config.publicUrlConfigured) {
    throw new ConfigError('PUBLIC_URL is required when NODE_ENV=production: it is the base of every link in a mail.');
  }
}
