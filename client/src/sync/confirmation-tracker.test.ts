import { describe, expect, it } from 'vitest';
import { ConfirmationTracker } from './confirmation-tracker.ts';

describe('confirmation tracking', () => {
  it('is saved with no local edits and asks for nothing', () => {
    const tracker = new ConfirmationTracker();
    expect(tracker.allSaved).toBe(true);
    expect(tracker.request()).toBeNull();
  });

  it('is unsaved after an edit until the request covering it is answered', () => {
    const tracker = new ConfirmationTracker();
    tracker.noteLocalEdit();
    expect(tracker.allSaved).toBe(false);
    const id = tracker.request();
    expect(id).not.toBeNull();
    expect(tracker.allSaved).toBe(false);
    expect(tracker.confirmed(id!)).toBe(true);
    expect(tracker.allSaved).toBe(true);
  });

  it('an answer to an earlier request does not cover a later edit', () => {
    const tracker = new ConfirmationTracker();
    tracker.noteLocalEdit();
    const first = tracker.request()!;
    tracker.noteLocalEdit();
    const second = tracker.request()!;
    tracker.confirmed(first);
    expect(tracker.allSaved).toBe(false);
    tracker.confirmed(second);
    expect(tracker.allSaved).toBe(true);
  });

  it('does not ask twice while a request already covers the newest edit', () => {
    const tracker = new ConfirmationTracker();
    tracker.noteLocalEdit();
    expect(tracker.request()).not.toBeNull();
    expect(tracker.request()).toBeNull();
  });

  it('asks again after the connection is lost, and ignores answers to lost requests', () => {
    const tracker = new ConfirmationTracker();
    tracker.noteLocalEdit();
    const lost = tracker.request()!;
    tracker.connectionLost();
    expect(tracker.confirmed(lost)).toBe(false);
    expect(tracker.allSaved).toBe(false);
    const again = tracker.request()!;
    expect(again).not.toBe(lost);
    tracker.confirmed(again);
    expect(tracker.allSaved).toBe(true);
  });

  it('a reload keeps unconfirmed edits from the stored state', () => {
    const tracker = new ConfirmationTracker({ editSeq: 5, confirmedSeq: 3 });
    expect(tracker.allSaved).toBe(false);
    expect(tracker.unconfirmedEdits).toBe(2);
    tracker.confirmed(tracker.request()!);
    expect(tracker.state).toEqual({ editSeq: 5, confirmedSeq: 5 });
  });
});
