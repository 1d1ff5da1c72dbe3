// Whether this screen is a phone's: narrow, or a coarse pointer (a finger) on a small screen.
import { useSyncExternalStore } from 'react';

const PHONE_QUERY = '(max-width: 640px), (pointer: coarse) and (max-width: 900px)';

export function usePhone(): boolean {
  return useSyncExternalStore(
    (listener) => {
      const query = window.matchMedia(PHONE_QUERY);
      query.addEventListener('change', listener);
      return () => query.removeEventListener('change', listener);
    },
    () => window.matchMedia(PHONE_QUERY).matches,
  );
}
