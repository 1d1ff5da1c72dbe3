import { describe, expect, it } from 'vitest';
import { cleanName, type KeyValueStorage, loadIdentity, saveIdentity } from './identity.ts';

function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

describe('presence identity', () => {
  it('a first visit gets a guest name and keeps it on the next visit', () => {
    const storage = memoryStorage();
    const first = loadIdentity(storage);
    expect(first.name).toMatch(/^访客-\d{4}$/);
    expect(loadIdentity(storage)).toEqual(first);
  });

  it('a chosen name is remembered', () => {
    const storage = memoryStorage();
    const first = loadIdentity(storage);
    saveIdentity(storage, { ...first, name: '王主任' });
    expect(loadIdentity(storage).name).toBe('王主任');
  });

  it('an empty name keeps the old one and a long one is cut', () => {
    expect(cleanName('   ', '访客-1234')).toBe('访客-1234');
    expect(cleanName('一二三四五六七八九十一二三四五六七八九十多余', 'x')).toHaveLength(20);
  });
});
