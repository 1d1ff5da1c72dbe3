import { describe, expect, it } from 'vitest';
import { combineStatuses, INITIAL_STATUS, type RoomStatus } from './sync-status.ts';

const online: RoomStatus = { ...INITIAL_STATUS, network: 'online', loaded: true, everSynced: true };

describe('status of a view over several rooms', () => {
  it('is online and saved only when every room is', () => {
    expect(combineStatuses([online, online])).toMatchObject({ network: 'online', save: 'saved' });
    expect(combineStatuses([online, { ...online, network: 'syncing' }]).network).toBe('syncing');
    expect(combineStatuses([online, { ...online, save: 'saving', unconfirmedEdits: 2 }])).toMatchObject({
      save: 'saving',
      unconfirmedEdits: 2,
    });
  });

  it('is offline when every room is, and says edits are local-only if any room has some', () => {
    const offline: RoomStatus = { ...online, network: 'offline' };
    expect(combineStatuses([offline, offline]).network).toBe('offline');
    expect(combineStatuses([offline, { ...offline, save: 'local', unconfirmedEdits: 1 }]).save).toBe('local');
  });

  it('carries the first local write error', () => {
    const error = { code: 'local_write_failed', message: { 'zh-CN': '失败', en: 'failed' } };
    expect(combineStatuses([online, { ...online, error }]).error).toBe(error);
  });
});
