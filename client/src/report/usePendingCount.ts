// This account's reports on this device, following the queue: all of them (newest first)
// or those still waiting to be sent.
import { useEffect, useState } from 'react';
import type { QueuedReport, ReportQueue } from './report-queue.ts';

export function useQueuedReports(
  queue: ReportQueue,
  username: string,
  which: 'mine' | 'pending',
): QueuedReport[] {
  const [reports, setReports] = useState<QueuedReport[]>([]);
  useEffect(() => {
    let cancelled = false;
    const read = () =>
      void queue[which](username).then((list) => {
        if (!cancelled) setReports(list);
      });
    read();
    const stop = queue.subscribe(read);
    return () => {
      cancelled = true;
      stop();
    };
  }, [queue, username, which]);
  return reports;
}

/** How many of this account's reports still wait to be sent. */
export function usePendingCount(queue: ReportQueue, username: string): number {
  return useQueuedReports(queue, username, 'pending').length;
}
