// Counters and a latency histogram for /metrics, in Prometheus' text format. Kept
// per process: each instance reports its own.

const STORE_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

class Histogram {
  readonly counts = STORE_BUCKETS.map(() => 0);
  sum = 0;
  count = 0;
  observe(seconds: number): void {
    this.sum += seconds;
    this.count++;
    for (const [i, bound] of STORE_BUCKETS.entries()) if (seconds <= bound) this.counts[i]!++;
  }
}

export const metrics = {
  updatesAccepted: 0,
  /** Updates that waited for their sender's earlier changes (the reconnect race). */
  updatesHeld: 0,
  updatesRejected: new Map<number, number>(),
  roomLoads: 0,
  storeAppend: new Histogram(),
  storeLoad: new Histogram(),
  reject(code: number): void {
    this.updatesRejected.set(code, (this.updatesRejected.get(code) ?? 0) + 1);
  },
};

export interface Gauges {
  roomsLoaded: number;
  connections: number;
  relay?: { published: number; received: number; publishFailed: number };
}

function histogramLines(name: string, help: string, h: Histogram): string[] {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} histogram`];
  for (const [i, bound] of STORE_BUCKETS.entries())
    lines.push(`${name}_bucket{le="${bound}"} ${h.counts[i]}`);
  lines.push(`${name}_bucket{le="+Inf"} ${h.count}`, `${name}_sum ${h.sum}`, `${name}_count ${h.count}`);
  return lines;
}

export function renderMetrics(g: Gauges): string {
  const mem = process.memoryUsage();
  const lines = [
    '# HELP civic_ledger_rooms_loaded Rooms held in memory.',
    '# TYPE civic_ledger_rooms_loaded gauge',
    `civic_ledger_rooms_loaded ${g.roomsLoaded}`,
    '# HELP civic_ledger_connections Open sync connections.',
    '# TYPE civic_ledger_connections gauge',
    `civic_ledger_connections ${g.connections}`,
    '# HELP civic_ledger_updates_accepted_total Document updates accepted from clients (rate() gives updates/s).',
    '# TYPE civic_ledger_updates_accepted_total counter',
    `civic_ledger_updates_accepted_total ${metrics.updatesAccepted}`,
    "# HELP civic_ledger_updates_held_total Updates held until their sender's earlier changes arrived (reconnect races).",
    '# TYPE civic_ledger_updates_held_total counter',
    `civic_ledger_updates_held_total ${metrics.updatesHeld}`,
    '# HELP civic_ledger_connections_rejected_total Connections closed for bad input, by close code.',
    '# TYPE civic_ledger_connections_rejected_total counter',
    ...[...metrics.updatesRejected].map(
      ([code, n]) => `civic_ledger_connections_rejected_total{code="${code}"} ${n}`,
    ),
    '# HELP civic_ledger_room_loads_total Rooms read from the store.',
    '# TYPE civic_ledger_room_loads_total counter',
    `civic_ledger_room_loads_total ${metrics.roomLoads}`,
    ...histogramLines(
      'civic_ledger_store_append_seconds',
      'Time to commit a batch of updates.',
      metrics.storeAppend,
    ),
    ...histogramLines(
      'civic_ledger_store_load_seconds',
      'Time to read a room from the store.',
      metrics.storeLoad,
    ),
    '# HELP civic_ledger_heap_used_bytes V8 heap in use.',
    '# TYPE civic_ledger_heap_used_bytes gauge',
    `civic_ledger_heap_used_bytes ${mem.heapUsed}`,
    '# HELP civic_ledger_rss_bytes Resident set size.',
    '# TYPE civic_ledger_rss_bytes gauge',
    `civic_ledger_rss_bytes ${mem.rss}`,
  ];
  if (g.relay) {
    lines.push(
      '# HELP civic_ledger_relay_messages_total Messages through Redis, by direction.',
      '# TYPE civic_ledger_relay_messages_total counter',
      `civic_ledger_relay_messages_total{direction="published"} ${g.relay.published}`,
      `civic_ledger_relay_messages_total{direction="received"} ${g.relay.received}`,
      `civic_ledger_relay_messages_total{direction="publish_failed"} ${g.relay.publishFailed}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
