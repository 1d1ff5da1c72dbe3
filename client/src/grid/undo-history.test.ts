import { buildRoomDoc, getRow, setCell } from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LOCAL_EDIT, UndoHistory } from './undo-history.ts';

const ROW = 'ROW0000000000001';
function room(): Y.Doc {
  const built = buildRoomDoc('sites', [
    { id: ROW, name: '桃园小区', kind: 'market', committeeId: 'taoyuan' },
  ]);
  if (!built.ok) throw new Error(built.error.message.en);
  return built.value;
}
function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'remote');
}

describe('undo of one person’s own edits', () => {
  it('undo reverts my edit and leaves another person’s edit to the same row', () => {
    const mine = room();
    const theirs = new Y.Doc();
    sync(mine, theirs);
    const history = new UndoHistory();
    history.track('sites', mine);
    setCell(mine, ROW, 'name', '桃园新村', LOCAL_EDIT);
    setCell(theirs, ROW, 'address', '桃园路 1 号');
    sync(theirs, mine);
    expect(history.undo()).toBe(true);
    expect(getRow(mine, ROW)).toMatchObject({ name: '桃园小区', address: '桃园路 1 号' });
  });

  it('never undoes a remote edit', () => {
    const mine = room();
    const history = new UndoHistory();
    history.track('sites', mine);
    const theirs = new Y.Doc();
    sync(mine, theirs);
    setCell(theirs, ROW, 'name', '远端修改');
    sync(theirs, mine);
    expect(history.canUndo).toBe(false);
    expect(history.undo()).toBe(false);
    expect(getRow(mine, ROW)?.name).toBe('远端修改');
  });

  it('each edit is its own step, and redo brings it back', () => {
    const doc = room();
    const history = new UndoHistory();
    history.track('sites', doc);
    setCell(doc, ROW, 'name', 'A', LOCAL_EDIT);
    setCell(doc, ROW, 'name', 'B', LOCAL_EDIT);
    history.undo();
    expect(getRow(doc, ROW)?.name).toBe('A');
    history.redo();
    expect(getRow(doc, ROW)?.name).toBe('B');
  });

  it('undoes across rooms in the order the edits were made', () => {
    const a = room();
    const b = room();
    const history = new UndoHistory();
    history.track('a', a);
    history.track('b', b);
    setCell(a, ROW, 'name', 'a1', LOCAL_EDIT);
    setCell(b, ROW, 'name', 'b1', LOCAL_EDIT);
    history.undo();
    expect(getRow(b, ROW)?.name).toBe('桃园小区');
    expect(getRow(a, ROW)?.name).toBe('a1');
    history.undo();
    expect(getRow(a, ROW)?.name).toBe('桃园小区');
  });

  it('a new edit clears the redo history of every room', () => {
    const a = room();
    const b = room();
    const history = new UndoHistory();
    history.track('a', a);
    history.track('b', b);
    setCell(a, ROW, 'name', 'a1', LOCAL_EDIT);
    history.undo();
    expect(history.canRedo).toBe(true);
    setCell(b, ROW, 'name', 'b1', LOCAL_EDIT);
    expect(history.canRedo).toBe(false);
  });
});
