import i18n from 'i18next';

/**
 * The one module that talks to the server. It sends JSON with the session cookie, adds the CSRF
 * header to every state-changing request, and turns error answers into an ApiError.
 */

/** One field's problem, as the server's schema validation reports it. */
export type FieldProblem = { field: string; message: string };

/** The error body every API route answers with. */
type ErrorBody = {
  code: string;
  message: string;
  messageKey?: string;
  field?: string;
  fields?: FieldProblem[];
  params?: Record<string, string>;
};

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** An i18n key the web app can show in the viewer's language. */
  readonly messageKey: string | undefined;
  /** The input the whole error is about, e.g. `code` for a wrong one-time passcode. */
  readonly field: string | undefined;
  readonly fields: FieldProblem[];
  /** What the message names (e.g. the domains a refusal is about), for its translation. */
  readonly params: Record<string, string> | undefined;

  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.messageKey = body.messageKey;
    this.field = body.field;
    this.fields = body.fields ?? [];
    this.params = body.params;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** Under https the server uses `__Host-` cookies; read the one this origin has. */
function csrfCookie(): string | undefined {
  const names = window.location.protocol === 'https:' ? ['__Host-caseway_csrf', 'caseway_csrf'] : ['caseway_csrf', '__Host-caseway_csrf'];
  for (const name of names) {
    const value = readCookie(name);
    if (value) return value;
  }
  return undefined;
}

/**
 * The token is read at call time because the server replaces the cookie after each sign-in step.
 * Before the first GET /api/session there is no cookie yet; that call sets it.
 */
async function csrfToken(): Promise<string> {
  const existing = csrfCookie();
  if (existing) return existing;
  await fetch('/api/session', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  return csrfCookie() ?? '';
}

type RequestOptions = { method?: string; body?: unknown; signal?: AbortSignal };

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  try {
    return await send<T>(path, options);
  } catch (error) {
    // A refused CSRF token comes back with one that fits the browser's cookies (a session that
    // ended meanwhile, say): one more try with it, and the person never sees the refusal.
    if (error instanceof ApiError && error.code === 'csrf') return send<T>(path, options);
    throw error;
  }
}

async function send<T>(path: string, options: RequestOptions): Promise<T> {
  const method = options.method ?? 'GET';
  // Answers name people in the page's language's order (山田 太郎 / Taro Yamada).
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': i18n.language };
  // A file goes as multipart, whose boundary the browser writes into the content type itself.
  const isForm = options.body instanceof FormData;
  // Fastify refuses an empty body sent as JSON, so the content type goes only with a body.
  if (options.body !== undefined && !isForm) headers['content-type'] = 'application/json';
  if (STATE_CHANGING.has(method)) headers['x-csrf-token'] = await csrfToken();

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, { code: 'network', message: 'The portal could not be reached.', messageKey: 'errors.network' });
  }

  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    const body = isErrorBody(data) ? data : { code: response.status >= 500 ? 'internal' : 'bad_request', message: response.statusText || 'Request failed' };
    throw new ApiError(response.status, body);
  }
  return data as T;
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as ErrorBody).code === 'string' && typeof (value as ErrorBody).message === 'string';
}

/** How an upload reports its progress (0 to 1) and is cancelled. */
export type UploadOptions = { onProgress?: (fraction: number) => void; signal?: AbortSignal };

/**
 * One file as multipart/form-data through XMLHttpRequest, the browser API that reports how much of
 * a request body has gone; the same headers and errors as every other request.
 */
async function sendFile<T>(path: string, file: File, options: UploadOptions): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  const token = await csrfToken();
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', i18n.language);
    xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (event) => event.lengthComputable && options.onProgress?.(event.loaded / event.total);
    xhr.onload = () => {
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T);
      else reject(new ApiError(xhr.status, isErrorBody(data) ? data : { code: xhr.status >= 500 ? 'internal' : 'bad_request', message: xhr.statusText || 'Request failed' }));
    };
    xhr.onerror = () => reject(new ApiError(0, { code: 'network', message: 'The portal could not be reached.', messageKey: 'errors.network' }));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>(path, { signal }),
  post: <T>(path: string, body?: unknown) => request<T>(path, { method: 'POST', body }),
  patch: <T>(path: string, body: unknown) => request<T>(path, { method: 'PATCH', body }),
  put: <T>(path: string, body: unknown) => request<T>(path, { method: 'PUT', body }),
  delete: <T>(path: string) => request<T>(path, { method: 'DELETE' }),
  /** Sends one file in the field the server reads, `file`, reporting progress; a refused CSRF token is tried once more. */
  upload: async <T>(path: string, file: File, options: UploadOptions = {}): Promise<T> => {
    try {
      return await sendFile<T>(path, file, options);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'csrf') return sendFile<T>(path, file, options);
      throw error;
    }
  },
};

/** Builds `path?key=value…`, leaving out keys whose value is null or undefined. */
export function withQuery(path: string, query: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
