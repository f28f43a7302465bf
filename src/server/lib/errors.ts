/** Stable codes a client can branch on; the handler in app.ts maps them to HTTP statuses. */
export type ErrorCode =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'invalid_state'
  | 'too_many_requests'
  | 'payload_too_large'
  | 'csrf'
  /** A service the portal depends on (a customer's sign-in provider) did not answer. */
  | 'unavailable';

const statusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  csrf: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_state: 409,
  too_many_requests: 429,
  payload_too_large: 413,
  unavailable: 503,
};

/**
 * The one error type services throw. `message` is shown to the person, so it says what to do;
 * `messageKey` lets the web app show it in the viewer's language.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly messageKey?: string,
    readonly field?: string,
    /** Values the translation of `messageKey` names, e.g. the domains a refusal is about. */
    readonly params?: Record<string, string>,
  ) {
    super(message);
    this.status = statusByCode[code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found.`, 'errors.notFound');
