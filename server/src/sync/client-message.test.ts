import { CloseCode, encodeConfirm, MessageType, SyncMessageType } from '@civic-ledger/shared';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { parseClientMessage } from './client-message.ts';

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

describe('parseClientMessage', () => {
  it('reads sync step 1, step 2, update, awareness, query and confirm', () => {
    const payload = new Uint8Array([1, 2, 3]);
    const sync = (sub: number) =>
      frame((e) => {
        encoding.writeVarUint(e, MessageType.sync);
        encoding.writeVarUint(e, sub);
        encoding.writeVarUint8Array(e, payload);
      });
    expect(parseClientMessage(sync(SyncMessageType.step1))).toEqual({
      type: 'sync-step1',
      stateVector: payload,
    });
    expect(parseClientMessage(sync(SyncMessageType.step2))).toEqual({
      type: 'sync-update',
      update: payload,
      step2: true,
    });
    expect(parseClientMessage(sync(SyncMessageType.update))).toMatchObject({ step2: false });
    expect(parseClientMessage(new Uint8Array([MessageType.queryAwareness]))).toEqual({
      type: 'query-awareness',
    });
    expect(parseClientMessage(encodeConfirm(300))).toEqual({ type: 'confirm', id: 300 });
  });

  it('calls a length prefix longer than the frame truncated', () => {
    expect(parseClientMessage(new Uint8Array([0, 2, 9, 1]))).toMatchObject({
      code: CloseCode.invalidPayload,
    });
    expect(parseClientMessage(new Uint8Array([0]))).toMatchObject({ code: CloseCode.invalidPayload });
    expect(parseClientMessage(new Uint8Array([]))).toMatchObject({ code: CloseCode.invalidPayload });
  });

  it('refuses trailing bytes and unknown types', () => {
    expect(parseClientMessage(new Uint8Array([3, 0]))).toMatchObject({ code: CloseCode.invalidPayload });
    expect(parseClientMessage(new Uint8Array([42]))).toMatchObject({ code: CloseCode.unknownMessageType });
    expect(parseClientMessage(new Uint8Array([2, 0]))).toMatchObject({ code: CloseCode.unknownMessageType });
  });
});
