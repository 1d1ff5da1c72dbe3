// "Take a snapshot now", with an optional label and whether it is the weekly bulletin's.
// Offered to the roles that may freeze the district; the server still decides, and its
// refusal is shown as it words it.
import { type FormEvent, useState } from 'react';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { Session } from '../session/session.ts';
import { takeSnapshot } from './snapshot-api.ts';
import { type SnapshotInfo, shanghaiTime } from './snapshot-records.ts';

interface TakeSnapshotProps {
  readonly session: Session;
  readonly onTaken: (snapshot: SnapshotInfo) => void;
  readonly onUnauthorized: () => void;
}

type State =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'done'; snapshot: SnapshotInfo }
  | { kind: 'error'; reason: string };

export function TakeSnapshot(props: TakeSnapshotProps) {
  const { t, locale } = useI18n();
  const [label, setLabel] = useState('');
  const [bulletin, setBulletin] = useState(false);
  const [state, setState] = useState<State>({ kind: 'idle' });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (state.kind === 'busy') return;
    setState({ kind: 'busy' });
    const trimmed = label.trim();
    void takeSnapshot(props.session, {
      kind: bulletin ? 'bulletin' : 'manual',
      ...(trimmed !== '' ? { label: trimmed } : {}),
    }).then((result) => {
      if (result.ok) {
        setState({ kind: 'done', snapshot: result.value });
        setLabel('');
        props.onTaken(result.value);
      } else if (result.unauthorized) props.onUnauthorized();
      else setState({ kind: 'error', reason: result.error.message[locale] });
    });
  };

  return (
    <form className="snap-section snap-take" onSubmit={submit} aria-labelledby="snap-take-title">
      <h2 id="snap-take-title">{t('snap.take.title')}</h2>
      <label>
        {t('snap.take.label')}
        <input
          type="text"
          value={label}
          maxLength={200}
          placeholder={t('snap.take.placeholder')}
          onChange={(e) => setLabel(e.target.value)}
          data-testid="snapshot-label"
        />
      </label>
      <label className="snap-check">
        <input type="checkbox" checked={bulletin} onChange={(e) => setBulletin(e.target.checked)} />
        {t('snap.take.kind')}
      </label>
      <button type="submit" disabled={state.kind === 'busy'} data-testid="snapshot-take">
        {state.kind === 'busy' ? t('snap.take.busy') : t('snap.take.submit')}
      </button>
      {state.kind === 'done' && (
        <span className="snap-ok" role="status" data-testid="snapshot-taken">
          {t('snap.take.done', { time: shanghaiTime(state.snapshot.takenAt) })}
        </span>
      )}
      {state.kind === 'error' && (
        <span className="snap-error" role="alert" data-testid="snapshot-take-error">
          {t('snap.take.error', { reason: state.reason })}
        </span>
      )}
    </form>
  );
}
