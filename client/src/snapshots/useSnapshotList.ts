// The list of snapshots for the page: loading, loaded or why not, reloaded on demand (after
// one is taken, or a retry). A 401 signs out.
import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { Session } from '../session/session.ts';
import { listSnapshots } from './snapshot-api.ts';
import type { SnapshotList } from './snapshot-records.ts';

export type ListState =
  | { readonly kind: 'loading'; readonly previous: SnapshotList | null }
  | { readonly kind: 'error'; readonly reason: string }
  | { readonly kind: 'loaded'; readonly list: SnapshotList };

export function useSnapshotList(
  session: Session,
  onUnauthorized: () => void,
): { state: ListState; reload: () => void } {
  const { locale } = useI18n();
  const [state, setState] = useState<ListState>({ kind: 'loading', previous: null });
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is how a reload asks to load again
  useEffect(() => {
    let cancelled = false;
    setState((s) => ({ kind: 'loading', previous: s.kind === 'loaded' ? s.list : null }));
    void listSnapshots(session).then((result) => {
      if (cancelled) return;
      if (result.ok) setState({ kind: 'loaded', list: result.value });
      else if (result.unauthorized) onUnauthorized();
      else setState({ kind: 'error', reason: result.error.message[locale] });
    });
    return () => {
      cancelled = true;
    };
  }, [session, locale, onUnauthorized, attempt]);

  return { state, reload };
}

/** The snapshots to offer while a reload runs: the last list, if any. */
export function shownList(state: ListState): SnapshotList | null {
  if (state.kind === 'loaded') return state.list;
  if (state.kind === 'loading') return state.previous;
  return null;
}
