// Asks the browser to keep this origin's storage (the offline copies) instead of clearing
// it under pressure; the answer is shown, since a "no" means offline edits are at risk.

export type StoragePersistence = 'persisted' | 'best-effort' | 'unknown';

export async function requestPersistentStorage(): Promise<StoragePersistence> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.persist || !storage.persisted) return 'unknown';
  try {
    if (await storage.persisted()) return 'persisted';
    return (await storage.persist()) ? 'persisted' : 'best-effort';
  } catch {
    return 'unknown';
  }
}
