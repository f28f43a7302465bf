import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import openapiTS from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseKinds, seedAccount, seedPerson, signIn, type TestContext } from './test/helpers.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

/**
 * What an integration writes against the generated types: open a case, comment on it, list the
 * person's cases, with a personal access token. Compiled with the types, so a document that
 * describes the API wrongly (a missing field, a wrong type) fails to compile here.
 */
const INTEGRATION = `
import createClient from 'openapi-fetch';
import type { paths } from './schema.js';

export async function openCommentAndList(baseUrl: string, token: string, productId: number) {
  const client = createClient<paths>({ baseUrl, headers: { authorization: \`Bearer \${token}\` } });
  const opened = await client.POST('/api/cases', {
    body: { type: 'product_issue', productId, priority: 2, subject: 'Disk almost full on license server', description: 'Raised by the monitoring tool.' },
  });
  if (!opened.data) throw new Error(\`open failed: \${JSON.stringify(opened.error)}\`);
  const number: string = opened.data.number;
  const commented = await client.POST('/api/cases/{number}/comments', { params: { path: { number } }, body: { body: 'Now at 97%.' } });
  if (!commented.data) throw new Error(\`comment failed: \${JSON.stringify(commented.error)}\`);
  const listed = await client.GET('/api/cases', { params: { query: { scope: 'mine' } } });
  if (!listed.data) throw new Error(\`list failed: \${JSON.stringify(listed.error)}\`);
  const activity = await client.GET('/api/cases/{number}/activity', { params: { path: { number } } });
  const refused = await client.POST('/api/cases/{number}/comments', { params: { path: { number: 'CS0000000' } }, body: { body: 'Not mine.' } });
  return {
    number,
    listed: listed.data.items.map((item) => ({ number: item.number, subject: item.subject })),
    activityText: JSON.stringify(activity.data),
    refused: refused.response.status,
  };
}
`;

type Integration = {
  openCommentAndList: (baseUrl: string, token: string, productId: number) => Promise<{ number: string; listed: Array<{ number: string; subject: string }>; activityText: string; refused: number }>;
};

describe.each(databaseKinds)('A client generated from /api/openapi.json (%s)', (kind) => {
  let ctx: TestContext;
  let baseUrl: string;
  let dir: string;
  beforeAll(async () => {
    ctx = await createTestApp(kind);
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const address = ctx.app.server.address();
    if (!address || typeof address === 'string') throw new Error('not listening');
    baseUrl = `http://127.0.0.1:${address.port}`;
    // Inside the project, so the compiled client finds openapi-fetch in node_modules.
    fs.mkdirSync(path.join(root, 'node_modules/.cache'), { recursive: true });
    dir = fs.mkdtempSync(path.join(root, 'node_modules/.cache/caseway-openapi-client-'));
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await ctx.close();
  });

  it('compiles against the generated types and opens a case, comments and lists with a token', async () => {
    fs.writeFileSync(path.join(dir, 'schema.ts'), await openapiTS(new URL('/api/openapi.json', baseUrl)));
    fs.writeFileSync(path.join(dir, 'integration.ts'), INTEGRATION);
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    const compilerOptions = { strict: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', skipLibCheck: true, types: ['node'], outDir: '.' };
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['schema.ts', 'integration.ts'] }));
    const compiled = await run(path.join(root, 'node_modules/.bin/tsc'), ['-p', dir], { cwd: dir }).catch((error: { stdout: string; stderr: string }) => ({ ...error, failed: true }));
    expect('failed' in compiled ? `${compiled.stdout}${compiled.stderr}` : '').toBe('');

    const productId = (await ctx.db.insertInto('products').values({ name: 'Sentinel LDK', active: 1, created_at: 0 }).returning('id').executeTakeFirstOrThrow()).id;
    const person = await seedPerson(ctx.db, { accountId: (await seedAccount(ctx.db)).id });
    const browser = await signIn(ctx, person);
    const { token } = (await browser.post('/api/me/access-tokens', { name: 'Monitoring', scopes: ['cases:read', 'cases:write'], expiresInDays: 30 })).json();

    const integration = (await import(pathToFileURL(path.join(dir, 'integration.js')).href)) as Integration;
    const result = await integration.openCommentAndList(baseUrl, token, Number(productId));
    expect(result.listed).toEqual([{ number: result.number, subject: 'Disk almost full on license server' }]);
    expect(result.activityText).toContain('Now at 97%.');
    expect(result.refused).toBe(404);
  }, 120_000);
});
