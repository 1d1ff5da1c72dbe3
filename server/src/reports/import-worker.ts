// The import worker thread: reads an uploaded sheet and previews it against the room's
// schema and rules, off the server's event loop, one job at a time. The pool that starts
// it (import-pool.ts) bounds its time and memory; the limits on what a file may unpack to
// are checked here as it is read.
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { headerScore, previewImport } from '@civic-ledger/shared';
import type { ImportAnswer, ImportJob, ImportResponse } from './import-job.ts';
import { readSheetFile } from './sheet-reader.ts';

async function run(job: ImportJob): Promise<ImportAnswer> {
  const { request } = job;
  const sheet = await readSheetFile(job.bytes, job.format, job.sheet, (grid) =>
    headerScore(grid, request.schema),
  );
  if (!sheet.ok) {
    return { ok: false, status: sheet.error.code === 'import_too_large' ? 413 : 400, error: sheet.error };
  }
  const preview = previewImport({
    ...request,
    grid: sheet.value.grid,
    existingIds: new Set(request.existingIds),
  });
  if (!preview.ok) return { ok: false, status: 400, error: preview.error };
  const response: ImportResponse = {
    format: sheet.value.format,
    sheets: sheet.value.sheets,
    sheet: sheet.value.sheet,
    fields: request.schema.fields.map((f) => ({
      key: f.key,
      label: f.label,
      kind: f.kind,
      required: f.required === true,
      ...('options' in f ? { options: f.options } : {}),
    })),
    preview: preview.value,
  };
  return {
    ok: true,
    value: {
      body: new TextEncoder().encode(JSON.stringify(response)),
      rows: preview.value.rows.length,
      rejected: preview.value.rejected.length,
    },
  };
}

const port = parentPort;
if (port) {
  // On Linux a thread has its own nice value: this one gives way to the event loop thread
  // (health checks, sync) when both want the CPU. Not 19: on a machine busy with other
  // processes the worker would then starve and every import wait on it.
  try {
    setPriority(5);
  } catch {
    // not allowed here; the time budget still bounds it
  }
  port.on('message', async (job: ImportJob) => {
    const answer = await run(job);
    port.postMessage(answer, answer.ok ? [answer.value.body.buffer] : []);
  });
  port.postMessage('ready');
}
