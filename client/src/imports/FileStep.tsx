// Step 1 of an import: the room it goes into (picked in a view over every committee) and
// the file, checked and uploaded as soon as it is chosen.
import { useI18n } from '../i18n/I18nContext.tsx';
import type { ImportTarget } from './import-target.ts';

interface FileStepProps {
  readonly targets: readonly ImportTarget[];
  readonly target: string | null;
  readonly onTarget: (room: string | null) => void;
  /** A room's name for people (its committee's name). */
  readonly targetName: (room: string) => string;
  readonly onFile: (file: File | undefined) => void;
  readonly busy: boolean;
}

const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

export function FileStep(props: FileStepProps) {
  const { t } = useI18n();
  return (
    <div className="import-file">
      {props.targets.length > 1 && (
        <label>
          {t('import.target')}
          <select
            value={props.target ?? ''}
            onChange={(e) => props.onTarget(e.target.value === '' ? null : e.target.value)}
            disabled={props.busy}
            data-testid="import-target"
          >
            <option value="">{t('import.target.choose')}</option>
            {props.targets.map((x) => (
              <option key={x.room} value={x.room}>
                {props.targetName(x.room) || x.room}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('import.file.label')}
        <input
          type="file"
          accept={ACCEPT}
          disabled={props.target === null || props.busy}
          onChange={(e) => {
            props.onFile(e.target.files?.[0]);
            // The same file can be chosen again (after fixing it in the spreadsheet).
            e.target.value = '';
          }}
          data-testid="import-file"
        />
      </label>
      <p className="import-hint">{t('import.file.hint')}</p>
    </div>
  );
}
