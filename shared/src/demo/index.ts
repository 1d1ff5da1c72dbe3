// The demo district as its own entry point (`@civic-ledger/shared/demo`): the generator only
// the seed, the tests and the benchmarks use, kept out of the domain's public index.
export * from './demo.ts';
