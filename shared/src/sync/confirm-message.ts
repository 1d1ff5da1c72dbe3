// Encoding of the confirmation extension (MessageType.confirm): a request and its
// answer are the same shape, `[100, varUint id]`, so client and server share one codec.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MessageType } from './protocol.ts';

export function encodeConfirm(id: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.confirm);
  encoding.writeVarUint(encoder, id);
  return encoding.toUint8Array(encoder);
}

/** Returns the id of a confirmation message, or null if `message` is not one. */
export function decodeConfirm(message: Uint8Array): number | null {
  try {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MessageType.confirm) return null;
    const id = decoding.readVarUint(decoder);
    return decoding.hasContent(decoder) ? null : id;
  } catch {
    return null;
  }
}
