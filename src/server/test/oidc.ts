import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** How the provider answers for one person: what its ID token says about them. */
export type ProviderUser = { emailVerified?: boolean; amr?: string[]; acr?: string; givenName?: string; familyName?: string; locale?: string };

export type TestOidcProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Sets how the provider answers for `email` (default: verified, password only). */
  user: (email: string, user: ProviderUser) => void;
  /** The next ID tokens are re-signed for another audience, as a token meant for another application would be. */
  tokensForAnotherAudience: (on: boolean) => void;
  /** The next ID tokens say the person signed in this many seconds ago, as a provider answering from an older session of its own would (null: as it happened). */
  authTimeAgo: (seconds: number | null) => void;
  close: () => Promise<void>;
};

export const TEST_CLIENT_ID = 'caseway-portal';
export const TEST_CLIENT_SECRET = 'a-client-secret-of-the-test-provider';

const b64 = (value: object | Buffer) => (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');

/** Re-signs a JWT with the provider's own key after changing its payload: valid signature, wrong claims. */
function resign(jwt: string, key: KeyObject, change: (payload: Record<string, unknown>) => void): string {
  const [header, payload] = jwt.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
  change(claims);
  const signingInput = `${header}.${b64(claims)}`;
  return `${signingInput}.${b64(sign('sha256', Buffer.from(signingInput), key))}`;
}

const page = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme Identity</title></head><body><main><h1>Acme Identity</h1>${body}</main></body></html>`;

/**
 * A real OpenID Connect provider (oidc-provider) on a free port of this machine, with one client
 * for the portal at `redirectUri`. Its login page asks only for the e-mail address: whoever types
 * one is signed in as that person, with the `amr`/`acr` and `email_verified` set by `user()`.
 */
export async function startOidcProvider(redirectUri: string): Promise<TestOidcProvider> {
  const users = new Map<string, ProviderUser>();
  let anotherAudience = false;
  let authTimeAgo: number | null = null;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };

  let provider: any;
  const server = http.createServer((req, res) => {
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(req.url ?? '');
    if (!match) return provider.callback()(req, res);
    void interaction(req, res, match[1]!, !!match[2]).catch((error: Error) => {
      res.statusCode = 500;
      res.end(error.message);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  provider = new Provider(issuer, {
    clients: [{ client_id: TEST_CLIENT_ID, client_secret: TEST_CLIENT_SECRET, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
    jwks: { keys: [jwk] },
    cookies: { keys: ['test-provider-cookie-key'] },
    claims: { openid: ['sub', 'acr', 'amr'], email: ['email', 'email_verified'], profile: ['given_name', 'family_name', 'locale'] },
    // The portal reads the person from the ID token, as most providers give it there.
    conformIdTokenClaims: false,
    acrValues: ['urn:acme:password', 'urn:acme:mfa'],
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: async () => {
        const user = users.get(sub) ?? {};
        return { sub, email: sub, email_verified: user.emailVerified ?? true, given_name: user.givenName ?? 'Kenji', family_name: user.familyName ?? 'Sato', ...(user.locale ? { locale: user.locale } : {}) };
      },
    }),
  });
  provider.use(async (ctx: { path: string; body: unknown }, next: () => Promise<void>) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (anotherAudience && ctx.path === '/token' && body?.id_token) {
      ctx.body = { ...body, id_token: resign(body.id_token, privateKey, (claims) => void (claims.aud = 'another-application')) };
    }
    if (authTimeAgo !== null && ctx.path === '/token' && body?.id_token) {
      const ago = authTimeAgo;
      ctx.body = { ...body, id_token: resign(body.id_token, privateKey, (claims) => void (claims.auth_time = Math.floor(Date.now() / 1000) - ago)) };
    }
  });

  async function interaction(req: http.IncomingMessage, res: http.ServerResponse, uid: string, submitted: boolean) {
    const details = await provider.interactionDetails(req, res);
    if (!submitted) {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      const hint = String(details.params.login_hint ?? '').replace(/[^\w.@+-]/g, '');
      res.end(page(`<form method="post" action="/interaction/${uid}/login"><label>Work email <input name="email" type="email" value="${hint}"></label> <button type="submit">Sign in to Acme</button></form>`));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const email = new URLSearchParams(Buffer.concat(chunks).toString()).get('email')?.trim().toLowerCase() ?? '';
    const user = users.get(email) ?? {};
    const grant = new provider.Grant({ accountId: email, clientId: details.params.client_id });
    grant.addOIDCScope('openid email profile');
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: email, amr: user.amr ?? ['pwd'], ...(user.acr ? { acr: user.acr } : {}) }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  }

  return {
    issuer,
    clientId: TEST_CLIENT_ID,
    clientSecret: TEST_CLIENT_SECRET,
    user: (email, user) => void users.set(email.toLowerCase(), user),
    tokensForAnotherAudience: (on) => void (anotherAudience = on),
    authTimeAgo: (seconds) => void (authTimeAgo = seconds),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A browser at the provider, for API tests: follows the provider's redirects with its cookies,
 * submits its login form as `email`, and returns the URL it sends the browser back to.
 */
export async function signInAtProvider(authorizationUrl: string, email: string): Promise<URL> {
  const jar = new Map<string, string>();
  const origin = new URL(authorizationUrl).origin;
  let url = authorizationUrl;
  let body: string | undefined;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(body ? { body } : {}),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = pair!.split('=');
      jar.set(name!.trim(), value.join('='));
    }
    body = undefined;
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.origin !== origin) return next;
      url = next.href;
      continue;
    }
    const html = await response.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`the provider answered ${response.status}: ${html.slice(0, 300)}`);
    url = new URL(action, url).href;
    body = new URLSearchParams({ email }).toString();
  }
  throw new Error('the provider kept redirecting');
}
