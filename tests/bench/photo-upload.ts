// Photo upload: how long POST /api/photos takes for a phone-sized JPEG (4032×3024, about
// 4 MB): reading the form, checking it, re-encoding it to 1600 px, making the 320 px
// thumbnail and storing both in SQLite; then how long the thumbnail takes to serve. One
// upload at a time, then four at once (the server decodes two at a time).
//
// Run alone: `node --import tsx bench/photo-upload.ts` (from tests/), optionally `--runs 10`.
import { noisyFrame, noisyPhoneJpeg } from '../photos/photo-fixtures.ts';
import { startDistrict, writeRows } from '../support/district.ts';
import { distribution, fmt } from './stats.ts';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 8;

const d = await startDistrict();
try {
  const ledger = await d.open('ledger.taoyuan', 'r-staff');
  const [row] = await writeRows(ledger, [
    {
      committeeId: 'taoyuan',
      siteId: d.sites.get('桃园菜场'),
      category: 'street_rubbish',
      description: '基准测试',
      source: 'office',
      foundAt: '2026-12-03T09:30:00+08:00',
    },
  ]);
  const frame = await noisyFrame();
  // Each photo differs in its time taken, so each upload stores new bytes.
  const photos = await Promise.all(
    Array.from({ length: RUNS + 4 }, (_, i) =>
      noisyPhoneJpeg(frame, `2026:12:03 09:${String(10 + i).padStart(2, '0')}:00`),
    ),
  );
  const meanMb = photos.reduce((s, p) => s + p.length, 0) / photos.length / 1024 / 1024;

  const upload = async (bytes: Buffer) => {
    const body = new FormData();
    body.set('room', 'ledger.taoyuan');
    body.set('row', String(row?.id));
    body.set('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }), 'IMG.jpg');
    const started = performance.now();
    const res = await d.api('/api/photos', 'r-staff', { method: 'POST', body });
    const json = (await res.json()) as { photo?: { id: string } };
    if (res.status !== 201 || !json.photo)
      throw new Error(`upload failed: ${res.status} ${JSON.stringify(json)}`);
    return { ms: performance.now() - started, id: json.photo.id };
  };

  await upload(photos[0] as Buffer); // warm-up: sharp's first decode loads libvips' code
  const serial: number[] = [];
  const thumbs: number[] = [];
  let stored = 0;
  for (const bytes of photos.slice(1, RUNS + 1)) {
    const { ms, id } = await upload(bytes);
    serial.push(ms);
    const started = performance.now();
    const res = await d.api(`/api/photos/${id}?size=thumb`, 'r-staff');
    stored += (await res.arrayBuffer()).byteLength;
    thumbs.push(performance.now() - started);
  }
  const started = performance.now();
  const parallel = await Promise.all(
    photos
      .slice(RUNS + 1, RUNS + 4)
      .concat(photos[1] as Buffer)
      .map(upload),
  );
  const wall = performance.now() - started;

  const u = distribution(serial);
  const t = distribution(thumbs);
  const p = distribution(parallel.map((x) => x.ms));
  console.log(`photo upload benchmark: ${RUNS} uploads of a 4032×3024 JPEG, mean ${meanMb.toFixed(2)} MB`);
  console.log(
    `  upload (form read, re-encode to 1600 px, 320 px thumbnail, stored): p50 ${fmt(u.p50)} ms, p95 ${fmt(u.p95)} ms, max ${fmt(u.max)} ms`,
  );
  console.log(
    `  thumbnail GET: p50 ${fmt(t.p50)} ms, p95 ${fmt(t.p95)} ms (mean ${(stored / thumbs.length / 1024).toFixed(1)} KiB)`,
  );
  console.log(`  4 uploads at once: ${fmt(wall)} ms in all, each p50 ${fmt(p.p50)} ms, max ${fmt(p.max)} ms`);
} finally {
  await d.close();
}
