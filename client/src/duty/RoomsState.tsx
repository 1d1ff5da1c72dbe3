// What the rooms behind a duty tab are doing, in words: a banner while the server's copy
// is still coming (or cannot come, offline) or when reading failed, and the line shown
// instead of content that is not there yet.
import { useI18n } from '../i18n/I18nContext.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import type { OpenRooms } from './useRoomRows.ts';

function waitingText(rooms: OpenRooms): MessageKey {
  if (!rooms.ready) return 'duty.loading';
  return rooms.status.network === 'offline' ? 'duty.offlineNoCopy' : 'duty.loadingServer';
}

/** Above content that is shown already: incomplete (first load) or failed reads. */
export function RoomsBanner({ rooms }: { rooms: OpenRooms }) {
  const { t, locale } = useI18n();
  return (
    <>
      {rooms.ready && rooms.firstLoad && (
        <p className="duty-banner" data-testid="duty-first-load">
          {t(rooms.status.network === 'offline' ? 'duty.offlineNoCopy' : 'duty.firstLoad')}
        </p>
      )}
      {rooms.status.error && (
        <p className="duty-banner duty-error" role="alert">
          {t('duty.roomError', { reason: rooms.status.error.message[locale] })}
        </p>
      )}
    </>
  );
}

/** Instead of content: the copy on this device is being read, or nothing has come yet. */
export function RoomsWaiting({ rooms }: { rooms: OpenRooms }) {
  const { t } = useI18n();
  return (
    <p className="duty-state" data-testid="duty-loading">
      {t(waitingText(rooms))}
    </p>
  );
}
