// Sends the queued reports of one account: the row goes with its room's own sync (it was
// written to the ledger document when reported); once the server has confirmed the room,
// each photo is uploaded (POST /api/photos, stage found) and its reference appended to the
// row's photos, checked first by the same rules the server runs.
import { getRow, isPhotoRef, localize, type PhotoRef, updateRow } from '@civic-ledger/shared';
import { LOCAL_EDIT } from '../grid/undo-history.ts';
import type { Session } from '../session/session.ts';
import type { RoomConnection } from '../sync/room-connection.ts';
import type { RoomPool } from '../sync/room-pool.ts';
import { checkLocal, type LocalRules, plannedUpdate } from '../table/local-rules.ts';
import type { QueuedReport, ReportQueue } from './report-queue.ts';

/** The room holds every local edit on the server (its rows are there). */
function confirmed(connection: RoomConnection): boolean {
  const s = connection.getStatus();
  return s.network === 'online' && s.everSynced && s.save === 'saved';
}

function untilConfirmed(connection: RoomConnection, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (confirmed(connection)) return resolve(true);
    const stop = connection.subscribe(() => {
      if (!confirmed(connection)) return;
      stop();
      resolve(true);
    });
    signal.addEventListener('abort', () => {
      stop();
      resolve(false);
    });
  });
}

type Upload = { ok: true; photo: PhotoRef } | { ok: false; reason: string; retry: boolean };

async function uploadPhoto(session: Session, report: QueuedReport, index: number): Promise<Upload> {
  const photo = report.photos[index];
  if (!photo) return { ok: false, reason: 'missing photo', retry: false };
  const form = new FormData();
  form.set('file', new Blob([photo.data], { type: photo.type }), photo.name);
  form.set('room', report.room);
  form.set('row', report.rowId);
  form.set('stage', 'found');
  let res: Response;
  try {
    res = await fetch('/api/photos', {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}` },
      body: form,
    });
  } catch {
    return { ok: false, reason: 'offline', retry: true };
  }
  const body = (await res.json().catch(() => null)) as {
    photo?: unknown;
    error?: { message?: { 'zh-CN'?: string; en?: string } };
  } | null;
  if (res.ok && body && isPhotoRef(pickRef(body.photo)))
    return { ok: true, photo: pickRef(body.photo) as PhotoRef };
  const message = body?.error?.message;
  const reason = message ? `${message['zh-CN'] ?? ''} / ${message.en ?? ''}` : `HTTP ${res.status}`;
  // 5xx and throttling come back later; a refused photo (type, size) never will be taken.
  return { ok: false, reason, retry: res.status >= 500 || res.status === 429 || res.status === 401 };
}

function pickRef(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const v = value as Record<string, unknown>;
  return { id: v.id, stage: v.stage, at: v.at, by: v.by };
}

export class ReportSender {
  private running: Promise<void> | null = null;
  private again = false;
  private readonly abort = new AbortController();

  constructor(
    private readonly pool: RoomPool,
    private readonly session: Session,
    private readonly rules: LocalRules,
    private readonly queue: ReportQueue,
  ) {}

  /** Sends what is queued; a call while sending makes one more pass afterwards. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass().finally(() => {
      this.running = null;
      if (this.again && !this.abort.signal.aborted) {
        this.again = false;
        this.kick();
      }
    });
  }

  stop(): void {
    this.abort.abort();
  }

  private async pass(): Promise<void> {
    const pending = await this.queue.pending(this.session.user.username);
    await Promise.all(pending.map((r) => this.send(r)));
  }

  private async send(report: QueuedReport): Promise<void> {
    const connection = this.pool.acquire(report.room);
    try {
      await connection.ready;
      if (!(await untilConfirmed(connection, this.abort.signal))) return;
      const doc = (this.pool.current(report.room) ?? connection).doc;
      if (!getRow(doc, report.rowId)) {
        await this.queue.update(report.rowId, { state: 'refused', photos: [] });
        return;
      }
      let uploaded = [...report.uploaded];
      for (let i = uploaded.length; i < report.photos.length; i++) {
        const result = await uploadPhoto(this.session, report, i);
        if (!result.ok) {
          await this.queue.update(report.rowId, { error: result.reason });
          if (result.retry) return;
          continue;
        }
        uploaded = [...uploaded, result.photo];
        await this.queue.update(report.rowId, { uploaded });
      }
      const error = this.attach(doc, report.room, report.rowId, uploaded);
      await this.queue.update(report.rowId, {
        state: 'sent',
        photos: [],
        ...(error ? { error } : {}),
      });
    } finally {
      this.pool.release(report.room);
    }
  }

  /** Appends the references the row does not have yet; the reason when the rules refuse. */
  private attach(
    doc: RoomConnection['doc'],
    room: string,
    rowId: string,
    refs: readonly PhotoRef[],
  ): string | null {
    const row = getRow(doc, rowId);
    const current = Array.isArray(row?.photos) ? (row.photos as unknown[]).filter(isPhotoRef) : [];
    const missing = refs.filter((r) => !current.some((c) => c.id === r.id));
    if (missing.length === 0) return null;
    const photos = [...current, ...missing];
    const change = plannedUpdate(doc, rowId, { photos }, new Date().toISOString());
    const refusal = change ? checkLocal(this.rules, room, doc, [change]) : null;
    if (refusal) return `${localize(refusal.message, 'zh-CN')} / ${localize(refusal.message, 'en')}`;
    const result = updateRow(doc, rowId, { photos }, LOCAL_EDIT);
    return result.ok ? null : `${result.error.message['zh-CN']} / ${result.error.message.en}`;
  }
}
