// The snapshot endpoints as the client calls them: list, take one, its rooms (one binary
// Yjs update each) and the comparison of two states. Failures are values; a 401 is its own
// kind (sign in again), and the server's own error text is passed on as it is.
import { type DistrictComparison, type DomainError, domainError } from '@civic-ledger/shared';
import type { Session } from '../session/session.ts';
import { type ApiResult, apiGet } from '../session/session-api.ts';
import {
  parseSnapshot,
  parseSnapshotList,
  parseSnapshotRooms,
  type SnapshotInfo,
  type SnapshotList,
} from './snapshot-records.ts';

const BAD_ANSWER = domainError('bad_answer', '服务器应答无效', 'bad answer from the server');

function failed<T>(error: DomainError, unauthorized = false): ApiResult<T> {
  return { ok: false, unauthorized, error };
}

function unreachable<T>(err: unknown): ApiResult<T> {
  const detail = err instanceof Error ? err.message : String(err);
  return failed(
    domainError('unreachable', `无法连接服务器（${detail}）`, `cannot reach the server (${detail})`),
  );
}

/** The server's `{ error }` of a failed answer, or one naming the HTTP status. */
export async function errorOf(res: Response): Promise<DomainError> {
  try {
    const body = (await res.json()) as { error?: DomainError } | null;
    const error = body?.error;
    if (error && typeof error.code === 'string' && typeof error.message === 'object') return error;
  } catch {
    // not JSON: name the status
  }
  return domainError('http_error', `服务器返回 ${res.status}`, `the server answered ${res.status}`);
}

export function authHeader(session: Session): Record<string, string> {
  return { authorization: `Bearer ${session.token}` };
}

function parsed<T>(result: ApiResult<unknown>, parse: (body: unknown) => T | null): ApiResult<T> {
  if (!result.ok) return result;
  const value = parse(result.value);
  return value === null ? failed(BAD_ANSWER) : { ok: true, value };
}

export async function listSnapshots(session: Session): Promise<ApiResult<SnapshotList>> {
  return parsed(await apiGet<unknown>(session, '/api/snapshots'), parseSnapshotList);
}

/** Freezes every room now; the server decides who may (office and managers). */
export async function takeSnapshot(
  session: Session,
  body: { label?: string; kind: 'manual' | 'bulletin' },
): Promise<ApiResult<SnapshotInfo>> {
  let res: Response;
  try {
    res = await fetch('/api/snapshots', {
      method: 'POST',
      headers: { ...authHeader(session), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (err) {
    return unreachable(err);
  }
  if (!res.ok) return failed(await errorOf(res), res.status === 401);
  let answer: unknown = null;
  try {
    answer = await res.json();
  } catch {
    // checked below
  }
  const snapshot = parseSnapshot((answer as { snapshot?: unknown } | null)?.snapshot);
  return snapshot ? { ok: true, value: snapshot } : failed(BAD_ANSWER);
}

export async function snapshotRooms(
  session: Session,
  id: string,
): Promise<ApiResult<{ snapshot: SnapshotInfo; rooms: string[] }>> {
  return parsed(
    await apiGet<unknown>(session, `/api/snapshots/${encodeURIComponent(id)}`),
    parseSnapshotRooms,
  );
}

/** One room as the snapshot froze it: a Yjs update to apply to an empty document. */
export async function snapshotRoomUpdate(
  session: Session,
  id: string,
  room: string,
): Promise<ApiResult<Uint8Array>> {
  let res: Response;
  try {
    res = await fetch(`/api/snapshots/${encodeURIComponent(id)}/rooms/${encodeURIComponent(room)}`, {
      headers: authHeader(session),
    });
  } catch (err) {
    return unreachable(err);
  }
  if (!res.ok) return failed(await errorOf(res), res.status === 401);
  try {
    return { ok: true, value: new Uint8Array(await res.arrayBuffer()) };
  } catch (err) {
    return unreachable(err);
  }
}

/** One side of a comparison as the server names it. */
export interface DiffSide {
  readonly snapshot: SnapshotInfo | null;
  /** Shanghai time with offset. */
  readonly at: string;
}

/** `GET /api/snapshots/diff`: the shared `compareDistrict` result and what was compared. */
export interface DiffAnswer extends DistrictComparison {
  readonly from: DiffSide;
  readonly to: DiffSide;
  readonly committeeId: string | null;
}

function parseSide(value: unknown): DiffSide | null {
  const side = value as { snapshot?: unknown; at?: unknown } | null;
  if (typeof side?.at !== 'string') return null;
  return { snapshot: side.snapshot === null ? null : parseSnapshot(side.snapshot), at: side.at };
}

function parseDiffAnswer(body: unknown): DiffAnswer | null {
  const b = body as Partial<Record<keyof DiffAnswer, unknown>> | null;
  if (typeof b !== 'object' || b === null) return null;
  const from = parseSide(b.from);
  const to = parseSide(b.to);
  const totals = b.totals as { from?: unknown; to?: unknown } | undefined;
  if (!from || !to || typeof b.tables !== 'object' || typeof b.summary !== 'object') return null;
  if (typeof totals?.from !== 'object' || typeof totals.to !== 'object') return null;
  // The rest is the shared DistrictComparison, serialised by the server as it is.
  const comparison = body as DistrictComparison;
  return {
    ...comparison,
    from,
    to,
    committeeId: typeof b.committeeId === 'string' ? b.committeeId : null,
  };
}

export async function compareStates(
  session: Session,
  query: { from: string; to: string; committeeId: string | null },
): Promise<ApiResult<DiffAnswer>> {
  const params = new URLSearchParams({ from: query.from, to: query.to });
  if (query.committeeId) params.set('committee', query.committeeId);
  return parsed(await apiGet<unknown>(session, `/api/snapshots/diff?${params}`), parseDiffAnswer);
}
