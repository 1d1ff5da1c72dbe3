// Opens the printable weekly bulletin (每周通报) in a new tab. The server renders it; the
// page fetches it with the session's token (so the token never sits in an address bar)
// and shows it from a Blob URL in a tab opened at the click (pop-up blockers allow that).
import { useState } from 'react';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { Session } from '../session/session.ts';
import { bulletinPath } from './export-request.ts';
import { authHeader, errorOf } from './snapshot-api.ts';

interface BulletinButtonProps {
  readonly session: Session;
  readonly source: string;
  readonly committeeId: string | null;
  readonly onUnauthorized: () => void;
}

type State = { kind: 'idle' } | { kind: 'loading' } | { kind: 'error'; reason: string };

export function BulletinButton(props: BulletinButtonProps) {
  const { t, locale } = useI18n();
  const [state, setState] = useState<State>({ kind: 'idle' });

  const open = async () => {
    const tab = window.open('', '_blank');
    if (!tab) {
      setState({ kind: 'error', reason: t('snap.bulletin.blocked') });
      return;
    }
    tab.document.title = t('snap.bulletin.loading');
    tab.document.body.textContent = t('snap.bulletin.loading');
    setState({ kind: 'loading' });
    let reason: string;
    try {
      const res = await fetch(bulletinPath(props), { headers: authHeader(props.session) });
      if (res.ok) {
        const html = await res.blob();
        const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
        tab.location.href = url;
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
        setState({ kind: 'idle' });
        return;
      }
      if (res.status === 401) {
        tab.close();
        props.onUnauthorized();
        return;
      }
      reason = (await errorOf(res)).message[locale];
    } catch (err) {
      reason = err instanceof Error ? err.message : String(err);
    }
    tab.close();
    setState({ kind: 'error', reason });
  };

  return (
    <>
      <button
        type="button"
        className="snap-bulletin"
        disabled={state.kind === 'loading'}
        onClick={() => void open()}
        data-testid="bulletin-open"
      >
        {state.kind === 'loading' ? t('snap.bulletin.loading') : t('snap.bulletin.open')}
      </button>
      {state.kind === 'error' && (
        <span className="snap-error" role="alert" data-testid="bulletin-error">
          {t('snap.bulletin.error', { reason: state.reason })}
        </span>
      )}
    </>
  );
}
