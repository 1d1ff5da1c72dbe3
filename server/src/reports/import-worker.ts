// The import worker thread: reads an uploaded sheet and previews it against the room's
// schema and rules, off the server's event loop, one job at a time. The pool that starts
// it (import-pool.ts) bounds its time and memory; the limits on what a file may unpack to
// are checked here as it is read.
import { parentPort } from 'node:worker_threads';
import { headerScore, previewImport } from '@civic-ledger/shared';
import type { ImportAnswer, ImportJob } from './import-job.ts';
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
  return {
    ok: true,
    value: {
      format: sheet.value.format,
      sheets: sheet.value.sheets,
      sheet: sheet.value.sheet,
      preview: preview.value,
    },
  };
}

const port = parentPort;
if (port) {
  port.on('message', async (job: ImportJob) => port.postMessage(await run(job)));
  port.postMessage('ready');
}
