// How large a request body each API route accepts, in one table, and the middleware that
// holds every /api request to it while the body is read: a Content-Length over the bound
// is refused before a byte is read, and a chunked body is counted as it arrives and
// refused at the first chunk past the bound (hono's bodyLimit), so nobody can make the
// server buffer a 64 MB body to learn that a sign-in needs 100 bytes.
import { type DomainError, domainError } from '@civic-ledger/shared';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/** A sign-in is `{ username, password }`: a few hundred bytes. */
export const LOGIN_BODY_BYTES = 4 * 1024;
/** Largest upload an import accepts; committees' sheets are far smaller. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** Any other JSON body (a snapshot's label and kind). */
export const JSON_BODY_BYTES = 64 * 1024;

function sizeText(bytes: number): { zh: string; en: string } {
  return bytes >= 1024 * 1024
    ? { zh: `${bytes / 1024 / 1024} MB`, en: `${bytes / 1024 / 1024} MB` }
    : { zh: `${bytes / 1024} KB`, en: `${bytes / 1024} kB` };
}

interface BodyBound {
  readonly maxBytes: number;
  readonly refusal: () => DomainError;
}

function jsonBound(maxBytes: number): BodyBound {
  const size = sizeText(maxBytes);
  return {
    maxBytes,
    refusal: () =>
      domainError(
        'body_too_large',
        `请求内容不能超过 ${size.zh}`,
        `the request body may be at most ${size.en}`,
      ),
  };
}

const IMPORT_BOUND: BodyBound = {
  maxBytes: MAX_IMPORT_BYTES,
  refusal: () => {
    const size = sizeText(MAX_IMPORT_BYTES);
    return domainError('import_too_large', `文件不能超过 ${size.zh}`, `the file may be at most ${size.en}`);
  },
};

/** The bound of one route: uploads for the import, a few kB for sign-in, 64 kB otherwise. */
export function bodyBound(path: string): BodyBound {
  if (path === '/api/import/preview') return IMPORT_BOUND;
  if (path === '/api/login') return jsonBound(LOGIN_BODY_BYTES);
  return jsonBound(JSON_BODY_BYTES);
}

/** Holds each request to its route's bound; a larger one is answered 413 with the reason. */
export function limitBodies(): MiddlewareHandler {
  const limiters = new Map<string, MiddlewareHandler>();
  return (c, next) => {
    const bound = bodyBound(c.req.path);
    const key = String(bound.maxBytes);
    let limiter = limiters.get(key);
    if (!limiter) {
      limiter = bodyLimit({
        maxSize: bound.maxBytes,
        // The rest of a refused body is not wanted: close rather than drain it.
        onError: (ctx) =>
          ctx.json({ error: bodyBound(ctx.req.path).refusal() }, 413, { connection: 'close' }),
      });
      limiters.set(key, limiter);
    }
    return limiter(c, next);
  };
}
