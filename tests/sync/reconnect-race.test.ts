// The reconnect race with the official y-websocket 3.1.0 client: an edit made in the
// `status: connected` handler goes out before the client's sync step 2 (its offline
// edits). The server holds it until they arrive instead of closing with 4409, which the
// stock client takes as final: the provider stays connected and converges.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, snapshotRows, type TestClient, waitFor, whenSynced } from '../support/clients.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';

let server: ServerProcess;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startServerProcess();
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.stop();
});

function client(room: string): TestClient {
  const c = connectClient(server.wsUrl, room);
  clients.push(c);
  return c;
}

/** How many updates the server has held for their sender's earlier changes (its /metrics). */
async function updatesHeld(): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return Number(/^civic_ledger_updates_held_total (\d+)$/m.exec(text)?.[1] ?? Number.NaN);
}

function setRow(doc: Y.Doc, id: string, name: string): void {
  const rows = doc.getMap('rows') as Y.Map<Y.Map<unknown>>;
  const row = rows.get(id);
  if (row) row.set('name', name);
  else
    rows.set(
      id,
      new Y.Map<unknown>([
        ['id', id],
        ['name', name],
      ]),
    );
}

describe('the reconnect race with the official client', () => {
  it('an edit made as the provider reconnects, after offline edits, keeps it connected and converges', async () => {
    const room = 'committees';
    const a = client(room);
    const b = client(room);
    await Promise.all([whenSynced(a), whenSynced(b)]);
    const closes: number[] = [];
    a.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event) closes.push(event.code);
    });
    a.provider.disconnect();
    setRow(a.doc, 'race-one', '离线时改的');
    let liveEdits = 0;
    a.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connected' && liveEdits === 0) {
        liveEdits++;
        setRow(a.doc, 'race-two', '刚连上时改的');
      }
    });
    const heldBefore = await updatesHeld();
    a.provider.connect();
    await whenSynced(a);
    await a.confirm();
    await waitFor(() => b.rows.has('race-two') && b.rows.has('race-one'), 10_000, 'both edits at b');
    // Still the same socket, a while later: nothing closed it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(closes).toEqual([]);
    expect(a.provider.wsconnected).toBe(true);
    expect(a.provider.shouldConnect).toBe(true);
    expect(liveEdits).toBe(1);
    // The live edit did arrive first and wait: this was the race, not a lucky ordering.
    expect(await updatesHeld()).toBeGreaterThan(heldBefore);
    expect(snapshotRows(b.doc)).toEqual(snapshotRows(a.doc));
    const c = client(room);
    await whenSynced(c);
    expect(snapshotRows(c.doc)).toEqual(snapshotRows(a.doc));
  });
});
