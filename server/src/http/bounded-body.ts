// Reading a request body without ever holding more than a limit of it: a declared length
// over the limit is refused before a byte is read, and a streamed body as soon as it
// passes the limit (the rest is never buffered).
import { type DomainError, domainError, fail, ok, type Result } from '@civic-ledger/shared';

export async function readBounded(
  request: Request,
  limit: number,
  tooLarge: () => DomainError,
): Promise<Result<Uint8Array<ArrayBuffer>, DomainError>> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) return fail(tooLarge());
  if (!request.body) return ok(new Uint8Array());
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        void reader.cancel().catch(() => {});
        return fail(tooLarge());
      }
      chunks.push(value);
    }
  } catch {
    return fail(domainError('body_unreadable', '上传中断，请重试', 'the upload was interrupted: try again'));
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return ok(body);
}
