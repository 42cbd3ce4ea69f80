import { SYNC_LIMITS } from '@tessera/core/sync/limits';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import * as v from 'valibot';
import { ApiError } from './errors.ts';

const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

// The size is checked twice: first from Content-Length, so an honest oversized request is
// refused before a byte is read, then while reading, so a body that lies about its length or
// is chunked cannot make the worker buffer more than the limit.
export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && (!/^\d+$/.test(declared) || Number(declared) > maxBytes)) {
    throw new ApiError('body-too-large', `The body is larger than ${maxBytes} bytes`);
  }
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new ApiError('body-too-large', `The body is larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(utf8.decode(bytes));
  } catch {
    throw new ApiError('malformed-json', 'The body is not valid UTF-8 JSON');
  }
}

// "changes[3].envelope: envelope must be unpadded base64url": the first problem, with where it is.
function describe(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (issue === undefined) return 'The body does not match the expected shape';
  const path = (issue.path ?? [])
    .map((item) => (typeof item.key === 'number' ? `[${item.key}]` : `.${String(item.key)}`))
    .join('')
    .replace(/^\./, '');
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}

type Schema = v.GenericSchema;

export interface BodyOptions {
  maxBytes?: number;
  // A cheap check of the parsed JSON before the schema walks all of it (say, an array's length).
  precheck?: (value: unknown) => void;
}

// Hono validator middleware for a JSON body: content type, size, JSON syntax, then the schema,
// stopping at the first problem. The handler reads the typed result with `c.req.valid('json')`.
export function jsonBody<S extends Schema>(
  schema: S,
  opts: BodyOptions = {},
): MiddlewareHandler<AppEnv, string, { in: { json: v.InferInput<S> }; out: { json: v.InferOutput<S> } }> {
  return async (c, next) => {
    const type = c.req.header('content-type') ?? '';
    if (!JSON_TYPE.test(type.trim())) {
      throw new ApiError('unsupported-media-type', 'The body must be sent as application/json');
    }
    const value = parseJson(await readBody(c.req.raw, opts.maxBytes ?? SYNC_LIMITS.bodyMaxBytes));
    opts.precheck?.(value);
    const result = v.safeParse(schema, value, { abortEarly: true });
    if (!result.success) throw new ApiError('invalid-body', describe(result.issues));
    c.req.addValidatedData('json', result.output as object);
    await next();
  };
}

export function query<S extends Schema>(
  schema: S,
): MiddlewareHandler<AppEnv, string, { in: { query: Record<string, string> }; out: { query: v.InferOutput<S> } }> {
  return async (c, next) => {
    const raw: Record<string, string> = {};
    for (const [key, values] of Object.entries(c.req.queries())) {
      if (values.length !== 1)
        throw new ApiError('invalid-query', `The query parameter ${key} is given more than once`);
      raw[key] = values[0] as string;
    }
    const result = v.safeParse(schema, raw, { abortEarly: true });
    if (!result.success) throw new ApiError('invalid-query', describe(result.issues));
    c.req.addValidatedData('query', result.output as object);
    await next();
  };
}
