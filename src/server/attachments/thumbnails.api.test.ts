import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseKinds, seedAccount, seedPerson, signIn, upload, type TestClient, type TestContext } from '../test/helpers.ts';

describe.each(databaseKinds)('image previews of attachments (%s)', (kind) => {
  let ctx: TestContext;
  let contact: TestClient;
  let stranger: TestClient;
  let number: string;

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    contact = await signIn(ctx, await seedPerson(ctx.db, { accountId: (await seedAccount(ctx.db, 'Acme')).id }));
    stranger = await signIn(ctx, await seedPerson(ctx.db, { accountId: (await seedAccount(ctx.db, 'Globex')).id }));
    number = (await contact.post('/api/cases', { type: 'portal_issue', subject: 'Screenshot of the error', description: 'See the picture.' })).json().number;
  });
  afterAll(() => ctx.close());

  const attach = async (name: string, content: Buffer | string, type: string) => {
    const answer = await upload(contact, `/api/cases/${number}/attachments`, name, content, type);
    expect(answer.statusCode, answer.body).toBe(201);
    return answer.json().id as number;
  };

  it('re-encodes an image as a small WebP without its metadata, behind the same checks as downloads', async () => {
    // A 2000 × 1000 photo carrying EXIF (a camera's, and where it was taken).
    const photo = await sharp({ create: { width: 2000, height: 1000, channels: 3, background: '#3366aa' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'SpyCam', Copyright: 'secret-location' } })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const id = await attach('error.jpg', photo, 'image/jpeg');
    const answer = await contact.get(`/api/attachments/${id}/thumbnail`);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('image/webp');
    expect(answer.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    const preview = await sharp(answer.rawPayload).metadata();
    expect(preview).toMatchObject({ format: 'webp', width: 320, height: 160 });
    expect(preview.exif).toBeUndefined();
    expect(answer.rawPayload.includes('secret-location')).toBe(false);
    // Another account's contact learns nothing of it.
    expect((await stranger.get(`/api/attachments/${id}/thumbnail`)).statusCode).toBe(404);
  });

  it('has no preview for a file that is not an image, whatever it claims to be, nor for SVG', async () => {
    const fake = await attach('fake.png', 'not an image at all', 'image/png');
    expect((await contact.get(`/api/attachments/${fake}/thumbnail`)).statusCode).toBe(404);
    const svg = await attach('drawing.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>', 'image/svg+xml');
    expect((await contact.get(`/api/attachments/${svg}/thumbnail`)).statusCode).toBe(404);
  });
});
