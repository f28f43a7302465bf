import type { SwaggerOptions } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACCESS_TOKEN_PREFIX, scopeForRoute } from './auth/access-tokens.ts';
import { errorResponse } from './auth/auth.schemas.ts';
import type { Config } from './config.ts';
import { cookieNames } from './lib/http.ts';

const STATE_CHANGING = new Set(['post', 'put', 'patch', 'delete']);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The parts of the document this module fills in. */
type Operation = { operationId?: string; description?: string; security?: Array<Record<string, string[]>>; responses: Record<string, unknown> };
type Document = { paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>> };

/**
 * A stable, readable operationId from the method and path, so every route has one without each
 * module naming it: `POST /api/cases/:number/comments` is `postCasesByNumberComments`. Generated
 * clients name their functions after it, so it must not change for an existing route.
 */
export function operationIdFor(method: string, path: string): string {
  const words = path
    .replace(/^\/api\//, '')
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      const text = param ? `by-${param[1]}` : segment;
      return text.replace(/(?:^|[-_.])(\w)/g, (_, letter: string) => letter.toUpperCase());
    });
  return `${method.toLowerCase()}${words.join('')}`;
}

/**
 * What every operation says beyond its route's own schema: its operationId; how to sign in to it
 * (the session cookie, with the CSRF header on a change; a personal access token where its scope
 * allows); and the error answers every route can give.
 */
function describeOperations<D extends Document>(document: D): D {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      operation.operationId ??= operationIdFor(method, path);
      const scope = scopeForRoute(method.toUpperCase(), path.replace(/\{(\w+)\}/g, ':$1'));
      const session: Record<string, string[]> = STATE_CHANGING.has(method) ? { session: [], csrf: [] } : { session: [] };
      operation.security = scope ? [session, { accessToken: [] }] : [session];
      if (scope) operation.description = [operation.description, `A personal access token needs the \`${scope}\` scope.`].filter(Boolean).join('\n\n');
      if (!Object.keys(operation.responses).some((status) => status.startsWith('4'))) operation.responses['4XX'] = { $ref: '#/components/responses/Error' };
    }
  }
  return document;
}

/**
 * The OpenAPI document at /api/openapi.json, kept clean under Redocly's recommended rules
 * (openapi.test.ts): integrations generate their clients from it.
 */
export function openApiOptions(config: Config): SwaggerOptions {
  const secure = config.publicUrl.startsWith('https://');
  return {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Caseway API',
        version: '0.1.0',
        description:
          'Everything the Caseway pages do. A browser signs in with the session cookie and sends the X-CSRF-Token header (the value of the CSRF cookie) on every change. ' +
          'Another system sends a personal access token, made in My Account, as `Authorization: Bearer …`: it acts as its person, only on the operations its scopes name.',
        // Caseway is not open source; the portal's Help says how its API may be used.
        license: { name: 'Proprietary', url: new URL('/help', config.publicUrl).toString() },
      },
      servers: [{ url: config.publicUrl, description: 'This Caseway portal' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: cookieNames(secure).session, description: 'The session cookie set by signing in.' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'The value of the CSRF cookie, on every state-changing request signed in with the session cookie.' },
          accessToken: { type: 'http', scheme: 'bearer', bearerFormat: `${ACCESS_TOKEN_PREFIX}…`, description: 'A personal access token from My Account.' },
        },
        responses: {
          Error: { description: 'The request was refused; `message` says why.', content: { 'application/json': { schema: z.toJSONSchema(errorResponse, { target: 'openapi-3.0' }) as never } } },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (documentObject) => describeOperations(('openapiObject' in documentObject ? documentObject.openapiObject : documentObject.swaggerObject) as unknown as Document) as never,
  };
}
