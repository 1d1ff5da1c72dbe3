import { describe, expect, it } from 'vitest';
import { COMPACT_AFTER_ENTRIES, shouldCompact } from './compaction-policy.ts';

describe('local update log compaction policy', () => {
  it('never compacts a single entry', () => {
    expect(shouldCompact({ entries: 1, bytes: 10_000_000, snapshotBytes: 0 })).toBe(false);
  });

  it('compacts once the log holds many entries', () => {
    expect(shouldCompact({ entries: COMPACT_AFTER_ENTRIES, bytes: 4000, snapshotBytes: 1000 })).toBe(true);
    expect(shouldCompact({ entries: COMPACT_AFTER_ENTRIES - 1, bytes: 4000, snapshotBytes: 1000 })).toBe(
      false,
    );
  });

  it('compacts early when the updates outweigh a small snapshot', () => {
    expect(shouldCompact({ entries: 30, bytes: 300_000, snapshotBytes: 50_000 })).toBe(true);
  });

  it('leaves a big snapshot with a few small updates alone', () => {
    expect(shouldCompact({ entries: 30, bytes: 5_000_000, snapshotBytes: 4_990_000 })).toBe(false);
  });

  it('does not rewrite a big room for every few hundred one-cell edits, but does in the end', () => {
    const snapshotBytes = 15_000_000;
    expect(shouldCompact({ entries: 300, bytes: snapshotBytes + 300 * 200, snapshotBytes })).toBe(false);
    expect(shouldCompact({ entries: 2000, bytes: snapshotBytes + 2000 * 200, snapshotBytes })).toBe(true);
  });
});
