import type {} from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

import { errorResponse } from '../auth/auth.schemas.ts';
import { canSeeCase, isStaff, type CaseActor } from '../cases/cases.policy.ts';
import { attachmentIdParams, caseNumberParams, stagedAttachment } from '../cases/cases.schemas.ts';
import { attachToCase, loadVisibleCase } from '../cases/cases.service.ts';
import { AppError } from '../lib/errors.ts';
import { requireActor } from '../lib/http.ts';
import { attachmentNotFound, checkOriginalName, tooLarge } from './attachments.storage.ts';
import { isWatching } from '../cases/case-watchers.ts';
import { thumbnail } from './thumbnails.ts';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse, 413: errorResponse };

/** RFC 6266 with an RFC 5987 UTF-8 name, so 日本語.pdf downloads under its own name. */
function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function attachmentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config, attachments: store } = app.deps;
  const deps = { db, publicUrl: config.publicUrl, autoCloseDays: config.autoCloseDays, kickMail: () => app.deps.kickMail(), replies: app.deps.replies };
  const tags = ['Attachments'];

  /** Streams the request's one file to storage and records it, staged (no case yet). */
  async function receiveFile(request: FastifyRequest, actor: CaseActor) {
    if (!request.isMultipart()) throw new AppError('bad_request', 'Send the file as multipart/form-data in a field named "file".', 'errors.fileMissing', 'file');
    const part = await request.file();
    if (!part) throw new AppError('bad_request', 'Choose a file to attach.', 'errors.fileMissing', 'file');
    let name: string;
    try {
      name = checkOriginalName(part.filename);
    } catch (error) {
      part.file.resume();
      throw error;
    }
    let stored;
    try {
      stored = await store.put(part.file, config.maxAttachmentBytes);
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(config.maxAttachmentBytes);
      throw error;
    }
    try {
      const row = await db
        .insertInto('attachments')
        .values({
          case_id: null,
          uploaded_by: actor.person.id,
          original_name: name,
          stored_name: stored.storedName,
          content_type: (part.mimetype || 'application/octet-stream').slice(0, 100),
          size: stored.size,
          sha256: stored.sha256,
          created_at: clock(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, name, size: stored.size };
    } catch (error) {
      await store.remove(stored.storedName);
      throw error;
    }
  }

  app.post(
    '/attachments',
    { schema: { tags, summary: 'Upload a file before sending the case or comment it belongs to (multipart, field "file")', consumes: ['multipart/form-data'], response: { 201: stagedAttachment, ...errors } } },
    async (request, reply) => {
      const actor = await requireActor(request);
      return reply.status(201).send(await receiveFile(request, actor));
    },
  );

  app.post(
    '/cases/:number/attachments',
    { schema: { tags, summary: 'Attach a file to a case (multipart, field "file")', params: caseNumberParams, consumes: ['multipart/form-data'], response: { 201: stagedAttachment, ...errors } } },
    async (request, reply) => {
      const actor = await requireActor(request);
      // Check the case before reading the body, so nobody stores files on a case they cannot see.
      const kase = await loadVisibleCase(db, actor, request.params.number);
      const file = await receiveFile(request, actor);
      await attachToCase(deps, actor, kase.number, file.id, clock());
      return reply.status(201).send(file);
    },
  );

  /** An attachment the viewer may read: their own staged file, or a file of a case they see (staff only for a work note's). */
  async function readableAttachment(actor: CaseActor, id: number) {
    const attachment = await db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!attachment) throw attachmentNotFound();
    if (attachment.case_id === null) {
      if (attachment.uploaded_by !== actor.person.id) throw attachmentNotFound();
    } else {
      const kase = await db.selectFrom('cases').select(['id', 'contact_id', 'account_id']).where('id', '=', attachment.case_id).executeTakeFirstOrThrow();
      // A watcher (CC) reads the case's files as they read the case.
      if (!canSeeCase(actor, kase) && !(await isWatching(db, actor, kase))) throw attachmentNotFound();
      const internal = await db.selectFrom('case_activities').select('id').where('attachment_id', '=', attachment.id).where('internal', '=', 1).executeTakeFirst();
      if (internal && !isStaff(actor)) throw attachmentNotFound();
    }
    return attachment;
  }

  app.get('/attachments/:id', { schema: { tags, summary: 'Download an attachment (always as a download, never rendered)', params: attachmentIdParams } }, async (request, reply) => {
    const attachment = await readableAttachment(await requireActor(request), request.params.id);
    return reply
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', contentDisposition(attachment.original_name))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, no-store')
      .header('content-length', String(attachment.size))
      .send(await store.read(attachment.stored_name));
  });

  app.get(
    '/attachments/:id/thumbnail',
    { schema: { tags, summary: 'A small preview of an image attachment, re-encoded by the server as WebP (404 for a file that is not a JPEG, PNG, GIF or WebP image)', params: attachmentIdParams } },
    async (request, reply) => {
      const attachment = await readableAttachment(await requireActor(request), request.params.id);
      const preview = await thumbnail(await store.read(attachment.stored_name));
      if (!preview) throw attachmentNotFound();
      return reply
        .header('content-type', 'image/webp')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .send(preview);
    },
  );
}

