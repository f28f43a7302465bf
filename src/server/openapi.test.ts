import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationIdFor } from './openapi.ts';
import { createTestApp, type TestContext } from './test/helpers.ts';

const run = promisify(execFile);
const redocly = path.resolve(import.meta.dirname, '../../node_modules/.bin/redocly');

describe('the OpenAPI document', () => {
  let ctx: TestContext;
  let document: { paths: Record<string, Record<string, { operationId: string; security: unknown[]; description?: string }>> };
  beforeAll(async () => {
    ctx = await createTestApp('sqlite');
    document = (await ctx.app.inject({ url: '/api/openapi.json' })).json();
  });
  afterAll(() => ctx.close());

  it('is clean under Redocly’s recommended rules: no error, no warning', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-openapi-'));
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(document));
    try {
      // The CLI exits non-zero on errors; its JSON report is read either way.
      const output = await run(redocly, ['lint', '--extends', 'recommended', '--format', 'json', file], { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } }).catch((error: { stdout: string }) => error);
      const report = JSON.parse(output.stdout) as { totals: { errors: number; warnings: number }; problems: Array<{ ruleId: string; message: string }> };
      expect(report.problems.map((problem) => `${problem.ruleId}: ${problem.message}`)).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('names every operation once, and says which accept a personal access token and with what scope', () => {
    const operations = Object.values(document.paths).flatMap((item) => Object.values(item));
    const ids = operations.map((operation) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const createCase = document.paths['/api/cases']!.post!;
    expect(createCase.operationId).toBe('postCases');
    expect(createCase.security).toEqual([{ session: [], csrf: [] }, { accessToken: [] }]);
    expect(createCase.description).toContain('`cases:write`');
    expect(document.paths['/api/me/access-tokens']!.post!.security).toEqual([{ session: [], csrf: [] }]);
  });

  it('makes operationIds from the method and path', () => {
    expect(operationIdFor('post', '/api/cases/{number}/comments')).toBe('postCasesByNumberComments');
    expect(operationIdFor('get', '/api/me/access-tokens')).toBe('getMeAccessTokens');
  });
});
