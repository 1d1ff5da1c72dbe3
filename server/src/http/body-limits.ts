// How large a request body each API route accepts, in one table, and the middleware that
// holds every /api request to it while the body is read: a Content-Length over the bound
// is refused before a byte is kept, and a chunked body is counted as it arrives and
// refused at the first chunk past the bound, so nobody can make the server buffer a 64 MB
// body to learn that a sign-in needs 100 bytes. (hono's bodyLimit counts the same way but
// leaves the rest of the body unread, and fetch clients then fail on a reset socket.)
import { type DomainError, domainError } from '@civic-ledger/shared';
import type { MiddlewareHandler } from 'hono';
import { PHOTO_UPLOAD_BYTES, photoTooLarge } from './routes/photo-routes.ts';

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

const PHOTO_BOUND: BodyBound = { maxBytes: PHOTO_UPLOAD_BYTES, refusal: photoTooLarge };

/** The bound of one route: uploads for the import and photos, a few kB for sign-in, 64 kB otherwise. */
export function bodyBound(path: string): BodyBound {
  if (path === '/api/import/preview') return IMPORT_BOUND;
  if (path === '/api/login') return jsonBound(LOGIN_BODY_BYTES);
  if (path === '/api/photos') return PHOTO_BOUND;
  return jsonBound(JSON_BODY_BYTES);
}

/** What is read and dropped of a refused body, so the client gets to read the answer. */
const DISCARD_BYTES = 64 * 1024 * 1024;

/**
 * Reads and drops the rest of a refused body in the background, without keeping it: a
 * client still sending (fetch does until its body is out) then reads the 413 instead of
 * failing on a closed socket. Past DISCARD_BYTES the stream is cancelled and the
 * connection goes.
 */
function discard(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  let dropped = 0;
  const step = (): Promise<void> =>
    reader.read().then(({ done, value }) => {
      if (done) return;
      dropped += value.byteLength;
      if (dropped > DISCARD_BYTES) return reader.cancel();
      return step();
    });
  step().catch(() => {});
}

/** Holds each request to its route's bound; a larger one is answered 413 with the reason. */
export function limitBodies(): MiddlewareHandler {
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const bound = bodyBound(c.req.path);
    const refuse = (reader: ReadableStreamDefaultReader<Uint8Array>) => {
      discard(reader);
      return c.json({ error: bound.refusal() }, 413);
    };
    const length = c.req.header('content-length');
    if (length !== undefined && !c.req.header('transfer-encoding')) {
      // Node holds the body to its declared length: a small one needs no counting.
      if (Number(length) <= bound.maxBytes) return next();
      return refuse(body.getReader());
    }
    // Chunked: counted as it arrives, refused at the first chunk past the bound.
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > bound.maxBytes) return refuse(reader);
      chunks.push(value);
    }
    c.req.raw = new Request(c.req.raw, { body: Buffer.concat(chunks, size) });
    return next();
  };
}
