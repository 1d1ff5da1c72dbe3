// Parses one binary frame from a client into a typed message, strictly: a frame that
// is truncated, has trailing bytes or an unknown type is an error, decided before
// anything is applied, and refused with its close code (1007 malformed, 4400 unknown type).
import { CloseCode, MessageType, SyncMessageType } from '@civic-ledger/shared';
import * as decoding from 'lib0/decoding';
import { isRefusal, type Refusal, refusal } from './refusal.ts';

export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-update'; update: Uint8Array; step2: boolean }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }
  | { type: 'confirm'; id: number };

const malformed = (reason: string): Refusal => refusal(CloseCode.invalidPayload, reason);
const unknownType = (reason: string): Refusal => refusal(CloseCode.unknownMessageType, reason);

function parse(decoder: decoding.Decoder): ClientMessage | Refusal {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MessageType.sync: {
      const sub = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (sub === SyncMessageType.step1) return { type: 'sync-step1', stateVector: payload };
      if (sub === SyncMessageType.step2 || sub === SyncMessageType.update) {
        return { type: 'sync-update', update: payload, step2: sub === SyncMessageType.step2 };
      }
      return unknownType(`unknown sync message type ${sub}`);
    }
    case MessageType.awareness:
      return { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
    case MessageType.queryAwareness:
      return { type: 'query-awareness' };
    case MessageType.confirm:
      return { type: 'confirm', id: decoding.readVarUint(decoder) };
    default:
      return unknownType(`unknown message type ${type}`);
  }
}

export function parseClientMessage(frame: Uint8Array): ClientMessage | Refusal {
  if (frame.byteLength === 0) return malformed('empty frame');
  const decoder = decoding.createDecoder(frame);
  let message: ClientMessage | Refusal;
  try {
    message = parse(decoder);
  } catch (err) {
    return malformed(`truncated frame (${err instanceof Error ? err.message : String(err)})`);
  }
  if (isRefusal(message)) return message;
  // lib0 reads a length-prefixed array past the end without complaint: check here.
  if (decoder.pos > decoder.arr.length) return malformed('truncated frame');
  if (decoding.hasContent(decoder)) return malformed('trailing bytes after message');
  return message;
}
