// The buttons of the import dialog for each step: back, cancel (which writes nothing),
// on to the preview, confirm the import, and close once it is done.
import { useI18n } from '../i18n/I18nContext.tsx';
import type { ImportBusy } from './ImportProgress.tsx';

export type ImportStep = 'file' | 'mapping' | 'preview' | 'done';

interface ImportActionsProps {
  readonly step: ImportStep;
  readonly busy: ImportBusy | null;
  /** Rows the preview accepted: what confirming writes. */
  readonly accepted: number;
  readonly onBack: () => void;
  readonly onCancel: () => void;
  readonly onPreview: () => void;
  readonly onConfirm: () => void;
  readonly onClose: () => void;
}

export function ImportActions(props: ImportActionsProps) {
  const { t } = useI18n();
  const { step, busy } = props;
  return (
    <footer className="import-footer">
      {(step === 'mapping' || step === 'preview') && (
        <button type="button" onClick={props.onBack} disabled={busy !== null} data-testid="import-back">
          {t('import.back')}
        </button>
      )}
      {step !== 'done' && (
        <button
          type="button"
          onClick={props.onCancel}
          disabled={busy?.kind === 'write'}
          data-testid="import-cancel"
        >
          {t('import.cancel')}
        </button>
      )}
      {step === 'mapping' && (
        <button
          type="button"
          className="primary"
          onClick={props.onPreview}
          disabled={busy !== null}
          data-testid="import-to-preview"
        >
          {t('import.toPreview')}
        </button>
      )}
      {step === 'preview' && (
        <button
          type="button"
          className="primary"
          onClick={props.onConfirm}
          disabled={busy !== null || props.accepted === 0}
          data-testid="import-confirm"
        >
          {t('import.confirm', { n: props.accepted })}
        </button>
      )}
      {step === 'done' && (
        <button type="button" className="primary" onClick={props.onClose} data-testid="import-close">
          {t('import.close')}
        </button>
      )}
    </footer>
  );
}
