import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import helmet from 'helmet';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import { responseSerializerCompiler } from './lib/response-serializer.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { registrationRoutes } from './registration/registration.routes.ts';
import { caseRoutes } from './cases/cases.routes.ts';
import { attachmentRoutes } from './attachments/attachments.routes.ts';
import { surveyRoutes } from './surveys/surveys.routes.ts';
import { productAdminRoutes } from './admin/products.routes.ts';
import { vendorAdminRoutes } from './admin/admin.routes.ts';
import { settingsRoutes } from './admin/settings.routes.ts';
import { dashboardRoutes } from './dashboard/dashboard.routes.ts';
import { slaRoutes } from './sla/sla.routes.ts';
import { auditRoutes } from './admin/audit.routes.ts';
import { portalRoutes } from './portal/portal.routes.ts';
import { knowledgeRoutes } from './knowledge/knowledge.routes.ts';
import { devMailboxRoutes } from './dev/mailbox.routes.ts';
import { meRoutes } from './me/me.routes.ts';
import { accessTokenRoutes } from './me/access-tokens.routes.ts';
import { passkeyRoutes } from './auth/passkeys.routes.ts';
import { accountLookupRoutes } from './accounts/accounts.routes.ts';
import { contactRoutes } from './accounts/contacts.routes.ts';
import { secondFactorPolicyRoutes } from './accounts/second-factor-policy.routes.ts';
import { ssoRoutes } from './sso/sso.routes.ts';
import { accountSsoRoutes } from './sso/account-sso.routes.ts';
import { systemClock, type Clock } from './lib/clock.ts';
import { AppError } from './lib/errors.ts';
import { cookieNames, csrfTokenIsValid, CSRF_HEADER, setCsrfCookie, type CookieNames } from './lib/http.ts';
import { loadServerKey } from './lib/secrets.ts';
import { loadSession, type LoadedSession } from './lib/sessions.ts';
import { requireRecentSignIn } from './auth/reauthentication.ts';
import { authenticateWithToken, perTokenLimit } from './auth/access-tokens.ts';
import type { Metrics } from './metrics.ts';
import type { AttachmentStore } from './attachments/attachments.storage.ts';
import { openAttachmentStore } from './attachments/open-store.ts';
import { openApiOptions } from './openapi.ts';
import { replyAddresses, type ReplyAddresses } from './inbound/reply-address.ts';

export type AppDeps = {
  db: Db;
  config: Config;
  clock: Clock;
  serverKey: Buffer;
  cookies: CookieNames;
  secure: boolean;
  /** Asks the mail job to run now, so a mail leaves seconds after the change that queued it. */
  kickMail: () => void;
  /** Where attachment files live (ATTACHMENTS_URL). */
  attachments: AttachmentStore;
  /** The signed reply addresses of case mails; null when REPLY_ADDRESS is unset. */
  replies: ReplyAddresses | null;
};

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
  interface FastifyRequest {
    auth: LoadedSession | null;
  }
}

export type BuildAppOptions = {
  db: Db;
  config: Config;
  clock?: Clock;
  kickMail?: () => void;
  /** Prometheus metrics (METRICS_PORT); tests and a portal without metrics leave it out. */
  metrics?: Metrics;
  /** Unset: the store of config.attachments. */
  attachments?: AttachmentStore;
  /** Folder of the built web app; tests of the API alone leave it out. */
  webRoot?: string | null;
};

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const defaultWebRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

/**
 * Closing waits for the handlers still running, also those whose client has gone (the server
 * counts a request done when its connection ends), so the database is not closed under a write.
 * Only async handlers are followed: a handler that answers through `reply` later would be
 * answered empty by an async wrapper; ours are all async.
 */
function waitForHandlersOnClose(app: FastifyInstance): void {
  let running = 0;
  const waiting: Array<() => void> = [];
  app.addHook('onRoute', (route) => {
    const handler = route.handler;
    if (handler.constructor.name !== 'AsyncFunction') return;
    route.handler = async function (this: FastifyInstance, request, reply) {
      running++;
      try {
        return await handler.call(this, request, reply);
      } finally {
        if (--running === 0) for (const done of waiting.splice(0)) done();
      }
    };
  });
  app.addHook('onClose', async () => {
    if (running > 0) await new Promise<void>((resolve) => waiting.push(resolve));
  });
}

const notFound = (reply: FastifyReply) => reply.status(404).send({ code: 'not_found', message: 'There is nothing at this address.', messageKey: 'errors.notFound' });

/**
 * Everything under /api/, in one encapsulated scope: its hooks run for the routes that matched in
 * it, never by looking at the URL's text, which the router decodes (`/%61pi/…` matches `/api/…`).
 * Every answer is `no-store` (ASVS 14.3.2): most carry personal data, and the rest gain nothing
 * from a shared cache.
 */
async function apiRoutes(api: FastifyInstance) {
  const { cookies, serverKey, clock, db } = api.deps;
  api.addHook('onRequest', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const sessionToken = request.cookies[cookies.session];
    // A bearer token is no cookie a browser sends by itself, so it needs no CSRF token.
    if (await authenticateWithToken(request, sessionToken)) return;
    if (STATE_CHANGING.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (!csrfTokenIsValid(serverKey, sessionToken, request.cookies[cookies.csrf], typeof header === 'string' ? header : undefined)) {
        // The refusal carries a token that fits the cookies the browser holds, so a page whose token
        // went stale (a session that ended, a cookie planted on it) succeeds when it tries again.
        setCsrfCookie(request, reply, sessionToken);
        throw new AppError('csrf', 'Your page is out of date. Reload the page and try again.', 'errors.csrf');
      }
    }
    if (sessionToken) request.auth = await loadSession(db, sessionToken, clock());
    if (request.routeOptions.config.recentSignIn && request.auth) requireRecentSignIn(request.auth.session, clock());
  });
  api.addHook('onRequest', perTokenLimit(api));
  api.setNotFoundHandler((_request, reply) => notFound(reply));

  api.get('/openapi.json', { schema: { hide: true } }, async () => api.swagger());
  for (const routes of [
    authRoutes,
    registrationRoutes,
    caseRoutes,
    attachmentRoutes,
    surveyRoutes,
    productAdminRoutes,
    vendorAdminRoutes,
    settingsRoutes,
    slaRoutes,
    auditRoutes,
    portalRoutes,
    knowledgeRoutes,
    meRoutes,
    accessTokenRoutes,
    passkeyRoutes,
    contactRoutes,
    secondFactorPolicyRoutes,
    accountLookupRoutes,
    ssoRoutes,
    accountSsoRoutes,
    dashboardRoutes,
  ]) {
    await api.register(routes);
  }
  if (api.deps.config.devMailbox) await api.register(devMailboxRoutes);
}

/**
 * JSON lines in production and tests, for log collectors; in development, one readable line per
 * event through pino-pretty (in a worker thread, so the request path stays the same).
 */
function loggerOptions(config: Config) {
  if (config.logLevel === 'silent') return false;
  const redact = ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.headers.authorization'];
  if (config.environment !== 'development') return { level: config.logLevel, redact };
  return { level: config.logLevel, redact, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } };
}

/**
 * Every request gets an id, logged with each of its lines, sent back as X-Request-ID and in every
 * error answer, so a person's report finds the log lines. A proxy's own X-Request-ID is kept
 * (one id across proxy and portal) only when the proxy is trusted.
 */
function requestIdGenerator(config: Config) {
  return (request: IncomingMessage) => {
    const fromProxy = request.headers['x-request-id'];
    if (config.trustProxyHops > 0 && typeof fromProxy === 'string' && /^[\w.:-]{1,100}$/.test(fromProxy)) return fromProxy;
    return randomUUID();
  };
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { db, config } = options;
  const secure = config.publicUrl.startsWith('https://');
  const app = Fastify({
    logger: loggerOptions(config),
    genReqId: requestIdGenerator(config),
    // A number is a hop count: only that many proxies' X-Forwarded-For entries are believed.
    trustProxy: (config.trustProxyHops > 0 ? config.trustProxyHops : false) as boolean,
    bodyLimit: 256 * 1024,
  }) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler);

  const serverKey = await loadServerKey(db);
  app.decorate('deps', {
    db,
    config,
    clock: options.clock ?? systemClock,
    serverKey,
    cookies: cookieNames(secure),
    secure,
    kickMail: options.kickMail ?? (() => {}),
    attachments: options.attachments ?? (await openAttachmentStore(config.attachments, config.s3)),
    replies: config.inbound ? replyAddresses(serverKey, config.inbound.replyAddress) : null,
  });
  app.decorateRequest('auth', null);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.status).send({ code: error.code, message: error.message, messageKey: error.messageKey, field: error.field, params: error.params, requestId: request.id });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.map((issue) => ({
        field: issue.instancePath.replace(/^\//, '').replace(/\//g, '.') || String(issue.params?.issue && (issue.params.issue as { keys?: string[] }).keys?.join(', ') || ''),
        message: issue.message ?? 'Invalid value',
      }));
      const summary = fields.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message)).join('; ');
      return reply.status(400).send({ code: 'bad_request', message: `Please correct the form: ${summary}`, messageKey: 'errors.validation', fields, requestId: request.id });
    }
    if (error.statusCode === 429) {
      return reply.status(429).send({ code: 'too_many_requests', message: 'Too many requests. Please wait a minute and try again.', messageKey: 'errors.rateLimited', requestId: request.id });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ code: 'bad_request', message: error.message, requestId: request.id });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ code: 'internal', message: 'Something went wrong on our side. Please try again.', requestId: request.id });
  });

  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  options.metrics?.instrument(app);
  waitForHandlersOnClose(app);
  await app.register(fastifyCookie);
  // helmet's middleware built once: @fastify/helmet rebuilds it on every request (9.8 µs against
  // 0.2 µs measured, 6% of the budget of a My Cases request at the performance target).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets CSS variables through style attributes; no inline script is allowed.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)));
  await app.register(fastifyRateLimit, { global: false });
  // Files stream to disk part by part; one file per request, never buffered whole.
  // preservePath keeps `../../x` as sent, so such a name is refused rather than silently trimmed.
  await app.register(fastifyMultipart, { preservePath: true, limits: { fileSize: config.maxAttachmentBytes, files: 1, fields: 5, parts: 6, fieldSize: 1024 } });
  await app.register(fastifySwagger, openApiOptions(config));

  await app.register(apiRoutes, { prefix: '/api' });

  const webRoot = options.webRoot === undefined ? defaultWebRoot : options.webRoot;
  const indexHtml = webRoot && fs.existsSync(path.join(webRoot, 'index.html')) ? path.join(webRoot, 'index.html') : null;
  if (webRoot && indexHtml) {
    // Vite puts every file but index.html under assets/, so only /assets/ paths touch the disk: an
    // unknown /api/ address or a page of the app is not looked for among the files first (a stat
    // and a directory read per request, measured). The wildcard looks files up per request, so a
    // rebuilt web app is served without a restart.
    // Every name under assets/ carries a hash of its content, so a browser may keep it for a year
    // without asking again; a new build has new names, which the always-revalidated index.html
    // points to. The build writes a brotli and a gzip twin of each file (vite.config.ts), sent by
    // Accept-Encoding with no compression work per request.
    await app.register(fastifyStatic, { root: path.join(webRoot, 'assets'), prefix: '/assets/', index: false, preCompressed: true, maxAge: '365d', immutable: true });
  }
  // Every page of the single-page app is served by index.html; the router draws the rest.
  const sendIndex = (reply: FastifyReply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(fs.createReadStream(indexHtml!));
  if (indexHtml) app.get('/', { schema: { hide: true } }, (_request, reply) => sendIndex(reply));
  app.setNotFoundHandler((request, reply) => {
    // A missing asset is a 404, not the app's page: a script answered with HTML fails obscurely.
    if (request.url.startsWith('/assets/') || request.method !== 'GET' || !indexHtml) return notFound(reply);
    return sendIndex(reply);
  });

  return app;
}
