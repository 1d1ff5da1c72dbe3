// The memory store keeps every promise of the store contract (one data set per rule;
// a second instance is a second handle on the same data).
import { storeContractSuite } from '../store-contract.ts';
import { MemoryStore } from './memory-store.ts';

storeContractSuite('memory', async () => {
  const store = new MemoryStore();
  return { store, another: async () => store };
});
