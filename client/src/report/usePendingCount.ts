// How many of this account's reports still wait to be sent, following the queue.
import { useEffect, useState } from 'react';
import type { ReportQueue } from './report-queue.ts';

export function usePendingCount(queue: ReportQueue, username: string): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    let cancelled = false;
    const read = () =>
      void queue.pending(username).then((list) => {
        if (!cancelled) setCount(list.length);
      });
    read();
    const stop = queue.subscribe(read);
    return () => {
      cancelled = true;
      stop();
    };
  }, [queue, username]);
  return count;
}
