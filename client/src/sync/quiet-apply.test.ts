import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyQuietly } from './quiet-apply.ts';

function roomUpdate(rows: number): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (let i = 0; i < rows; i++) doc.getMap('rows').set(`r${i}`, i);
  });
  return Y.encodeStateAsUpdate(doc);
}

describe('applying a whole room without re-encoding it', () => {
  it('update listeners get the applied bytes, which bring another copy to the same state', () => {
    const doc = new Y.Doc();
    const seen: { update: Uint8Array; origin: unknown }[] = [];
    doc.on('update', (update: Uint8Array, origin: unknown) => seen.push({ update, origin }));
    const update = roomUpdate(100);
    const origin = { source: 'test' };
    applyQuietly(doc, [update], origin, () => Y.applyUpdate(doc, update, origin));
    expect(doc.getMap('rows').size).toBe(100);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.origin).toBe(origin);
    const other = new Y.Doc();
    Y.applyUpdate(other, seen[0]!.update);
    expect(other.getMap('rows').toJSON()).toEqual(doc.getMap('rows').toJSON());
  });

  it('says nothing when the update changes nothing', () => {
    const update = roomUpdate(10);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    let events = 0;
    doc.on('update', () => {
      events += 1;
    });
    applyQuietly(doc, [update], null, () => Y.applyUpdate(doc, update));
    expect(events).toBe(0);
  });

  it('keeps listeners added meanwhile and the ones it held back', () => {
    const doc = new Y.Doc();
    const calls: string[] = [];
    doc.on('update', () => calls.push('before'));
    const update = roomUpdate(5);
    applyQuietly(doc, [update], null, () => {
      doc.on('update', () => calls.push('added'));
      Y.applyUpdate(doc, update);
    });
    calls.length = 0;
    doc.getMap('rows').set('x', 1);
    expect(calls.sort()).toEqual(['added', 'before']);
  });
});
