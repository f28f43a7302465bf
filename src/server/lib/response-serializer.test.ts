import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { responseSerializerCompiler } from './response-serializer.ts';

const serializerFor = (schema: z.ZodType) => responseSerializerCompiler({ schema, method: 'GET', url: '/test', httpStatus: '200' });

describe('responseSerializerCompiler', () => {
  it('writes only the fields the schema names, also inside arrays and nested objects', () => {
    const write = serializerFor(z.object({ items: z.array(z.object({ number: z.string(), owner: z.object({ name: z.string() }) })) }));
    const row = { number: 'CS0000001', passwordHash: 'secret', owner: { name: 'Hanako', email: 'hanako@example.com' } };
    expect(JSON.parse(write({ items: [row] }))).toEqual({ items: [{ number: 'CS0000001', owner: { name: 'Hanako' } }] });
  });

  it('writes nulls, missing optional fields, records and unions as JSON.stringify would', () => {
    const write = serializerFor(
      z.object({
        publishedAt: z.number().nullable(),
        note: z.string().optional(),
        detail: z.record(z.string(), z.unknown()),
        to: z.union([z.literal('me'), z.number()]),
        text: z.string(),
      }),
    );
    const value = { publishedAt: null, detail: { from: 'new', count: 2, nested: { ok: true } }, to: 'me', text: '"</script><script>alert(1)</script>\u2028パスワード' };
    expect(write(value)).toBe(JSON.stringify(value));
  });

  it('refuses an answer missing a required field instead of writing a partial one', () => {
    const write = serializerFor(z.object({ number: z.string(), title: z.string() }));
    expect(() => write({ number: 'KB0000001' })).toThrow(/title/);
  });
});
