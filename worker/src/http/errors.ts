import { API_ERRORS, type ApiErrorCode, SyncError } from '@tessera/core/sync/errors';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';

// The one error shape of the API: `{ error: { code, message } }` with the status that
// API_ERRORS gives the code (docs/api.md, "Errors").
export class ApiError extends SyncError {
  readonly retryAfter: number | undefined;
  readonly allow: readonly string[] | undefined;
  constructor(code: ApiErrorCode, message: string, opts: { retryAfter?: number; allow?: readonly string[] } = {}) {
    super(code, message);
    this.name = 'ApiError';
    this.retryAfter = opts.retryAfter;
    this.allow = opts.allow;
  }
}

// What a Durable Object returns across RPC: errors thrown there would lose their code on the
// way, so refusals come back as values and are turned into ApiErrors here.
export type Outcome<T> =
  | { ok: true; value: T }
  | { ok: false; code: ApiErrorCode; message: string; retryAfter?: number };

export function refuse(
  code: ApiErrorCode,
  message: string,
  retryAfter?: number,
): { ok: false; code: ApiErrorCode; message: string; retryAfter?: number } {
  return retryAfter === undefined ? { ok: false, code, message } : { ok: false, code, message, retryAfter };
}

export function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw new ApiError(
    outcome.code,
    outcome.message,
    outcome.retryAfter === undefined ? {} : { retryAfter: outcome.retryAfter },
  );
}

export function errorResponse(code: ApiErrorCode, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: { code, message } }), {
    status: API_ERRORS[code],
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

const CODE_FOR_STATUS: Record<number, ApiErrorCode> = {
  400: 'invalid-body',
  404: 'not-found',
  405: 'method-not-allowed',
  413: 'body-too-large',
  415: 'unsupported-media-type',
};

export function onError(err: Error, c: Context): Response {
  if (err instanceof SyncError) {
    const headers: Record<string, string> = {};
    if (err instanceof ApiError && err.retryAfter !== undefined) headers['retry-after'] = String(err.retryAfter);
    if (err instanceof ApiError && err.allow !== undefined) headers.allow = err.allow.join(', ');
    return errorResponse(err.code, err.message, headers);
  }
  if (err instanceof HTTPException && CODE_FOR_STATUS[err.status] !== undefined) {
    return errorResponse(CODE_FOR_STATUS[err.status] as ApiErrorCode, err.message);
  }
  // A bug. Only the error's name and message are logged: no request data, which may hold keys.
  console.error(`tessera: ${c.req.method} ${new URL(c.req.url).pathname} failed: ${err.name}: ${err.message}`);
  return errorResponse('internal-error', 'The server failed; the request can be retried');
}
