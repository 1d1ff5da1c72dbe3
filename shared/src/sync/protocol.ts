// Wire constants of the sync endpoint: y-websocket message types, our confirmation
// extension, size limits and the close codes a client may see.

/** Message types of the y-websocket protocol (y-protocols). */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /**
   * Confirmation (civic-ledger extension). A client sends `[confirm, varUint id]`
   * after its updates; the server answers `[confirm, varUint id]` once every message
   * that connection sent before the request is committed to the store. A client that
   * never asks (the stock y-websocket client) is never sent one.
   */
  confirm: 100,
} as const;

/** Sub-types of a sync message (y-protocols/sync). */
export const SyncMessageType = { step1: 0, step2: 1, update: 2 } as const;

/** Largest binary frame accepted on the sync endpoint unless configured otherwise. */
export const DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * WebSocket close codes the server uses. 1003/1007/1009 are the standard codes for
 * unsupported data, invalid payload and too-big messages; 4xxx are ours.
 *
 * The stock y-websocket 3.x client never reconnects after 4400–4499 (its
 * `defaultShouldReconnect`), and reconnects after everything else. So 4400–4499 is kept
 * for permanent refusals (what reconnecting would only repeat: a bad account, a broken
 * rule, a malformed or unexplained update); states that pass (a room reloading, a
 * server restarting, a peer that fell behind) use 10xx or 4500–4999.
 */
export const CloseCode = {
  normal: 1000,
  /** The server is shutting down, or was already when the connection arrived: reconnect. */
  goingAway: 1001,
  unsupportedData: 1003,
  invalidPayload: 1007,
  policyViolation: 1008,
  messageTooBig: 1009,
  internalError: 1011,
  /** The connection fell too far behind reading what it was sent: reconnect and resync. */
  tryAgainLater: 1013,
  unknownMessageType: 4400,
  /** The account was disabled or changed, or its sign-in expired: sign in again. */
  accountRevoked: 4401,
  updateRejected: 4409,
  /** An awareness update (presence) over the size a name and a cursor need. */
  awarenessTooLarge: 4413,
  /** The update breaks a field or workflow rule (code and reason follow in the close reason). */
  ruleViolation: 4422,
  /** The room could not be loaded, or is reloading after a store failure: reconnect. */
  roomUnavailable: 4503,
} as const;

/** Whether the stock y-websocket 3.x client gives up after this close code. */
export function isPermanentClose(code: number): boolean {
  return code >= 4400 && code < 4500;
}

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/** Path prefix of the sync endpoint: `GET /sync/<room>`. */
export const SYNC_PATH = '/sync';
