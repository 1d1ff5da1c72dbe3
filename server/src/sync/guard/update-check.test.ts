import { CloseCode } from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdate, decodeUpdate, isEmptyUpdate } from './update-check.ts';

function history(): { updates: Uint8Array[]; doc: Y.Doc } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const rows = doc.getMap('rows');
  rows.set('a', new Y.Map());
  (rows.get('a') as Y.Map<unknown>).set('status', 'open');
  rows.delete('a');
  return { updates, doc };
}

describe('checkUpdate', () => {
  it('accepts an update whose history the document has', () => {
    const { updates } = history();
    const server = new Y.Doc();
    for (const u of updates) {
      expect(checkUpdate(server, u)).toBeNull();
      Y.applyUpdate(server, u);
    }
  });

  it('accepts a whole state at once and an already known update', () => {
    const { doc, updates } = history();
    const server = new Y.Doc();
    expect(checkUpdate(server, Y.encodeStateAsUpdate(doc))).toBeNull();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
    expect(checkUpdate(server, updates[0]!)).toBeNull();
  });

  it('refuses an update that skips earlier changes of its client', () => {
    const { updates } = history();
    const result = checkUpdate(new Y.Doc(), updates[1]!);
    expect(result?.code).toBe(CloseCode.updateRejected);
  });

  it('refuses a deletion of items the document does not have', () => {
    const { updates } = history();
    const server = new Y.Doc();
    // The deletion alone: its items were never sent.
    const result = checkUpdate(server, updates[2]!);
    expect(result).toMatchObject({
      code: CloseCode.updateRejected,
      reason: expect.stringMatching(/deletes unknown/),
    });
  });

  it('refuses an item placed next to an item of another client the document lacks', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getArray('list').insert(0, ['from a']);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const before = Y.encodeStateVector(b);
    b.getArray('list').insert(1, ['after a']);
    const onlyB = Y.encodeStateAsUpdate(b, before);
    expect(checkUpdate(new Y.Doc(), onlyB)).toMatchObject({ code: CloseCode.updateRejected });
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(a));
    expect(checkUpdate(server, onlyB)).toBeNull();
  });

  it('refuses bytes that are not an update', () => {
    expect(checkUpdate(new Y.Doc(), new Uint8Array([200, 1, 7, 7, 7]))?.code).toBe(CloseCode.updateRejected);
  });

  it('reports an empty update as empty', () => {
    const empty = decodeUpdate(Y.encodeStateAsUpdate(new Y.Doc()));
    expect('structs' in empty && isEmptyUpdate(empty)).toBe(true);
    expect(checkUpdate(new Y.Doc(), Y.encodeStateAsUpdate(new Y.Doc()))).toBeNull();
  });
});
