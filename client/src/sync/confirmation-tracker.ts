// Knows whether every local edit of one room is stored on the server: local edits are
// numbered, each confirmation request covers the edits made before it, and "all saved"
// holds only when the newest edit is covered by an answered request.

/** Kept in IndexedDB beside the room's updates, so a reload still knows what is unconfirmed. */
export interface ConfirmationState {
  /** Local edits made so far (a counter, never reset). */
  readonly editSeq: number;
  /** The highest edit number the server has confirmed. */
  readonly confirmedSeq: number;
}

export class ConfirmationTracker {
  private editSeq: number;
  private confirmedSeq: number;
  /** Request id → the edit number it covers; only for the current connection. */
  private readonly outstanding = new Map<number, number>();
  private nextId = 1;

  constructor(initial: ConfirmationState = { editSeq: 0, confirmedSeq: 0 }) {
    this.editSeq = initial.editSeq;
    this.confirmedSeq = Math.min(initial.confirmedSeq, initial.editSeq);
  }

  noteLocalEdit(): number {
    this.editSeq += 1;
    return this.editSeq;
  }

  /**
   * The id of a request to send now, or null when nothing needs confirming or a request
   * already in flight covers the newest edit.
   */
  request(): number | null {
    if (this.confirmedSeq >= this.editSeq) return null;
    for (const seq of this.outstanding.values()) if (seq >= this.editSeq) return null;
    const id = this.nextId++;
    this.outstanding.set(id, this.editSeq);
    return id;
  }

  /** The server answered request `id`; returns whether anything became confirmed. */
  confirmed(id: number): boolean {
    const seq = this.outstanding.get(id);
    if (seq === undefined) return false;
    for (const [other, otherSeq] of this.outstanding) if (otherSeq <= seq) this.outstanding.delete(other);
    if (seq <= this.confirmedSeq) return false;
    this.confirmedSeq = seq;
    return true;
  }

  /** Requests on a closed connection will never be answered; after the next sync, ask again. */
  connectionLost(): void {
    this.outstanding.clear();
  }

  get allSaved(): boolean {
    return this.confirmedSeq >= this.editSeq;
  }

  get unconfirmedEdits(): number {
    return this.editSeq - this.confirmedSeq;
  }

  get awaitingAnswer(): boolean {
    return this.outstanding.size > 0;
  }

  get state(): ConfirmationState {
    return { editSeq: this.editSeq, confirmedSeq: this.confirmedSeq };
  }
}
