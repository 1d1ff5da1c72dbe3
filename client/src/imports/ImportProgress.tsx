// The busy line of the import dialog: upload progress (bytes sent), then the server
// reading and checking the file, or the write of a confirmed import.
import { useI18n } from '../i18n/I18nContext.tsx';
import type { UploadProgress } from './import-api.ts';

export type ImportBusy = { kind: 'upload'; progress: UploadProgress | null } | { kind: 'write' };

export function ImportProgress({ busy }: { busy: ImportBusy }) {
  const { t } = useI18n();
  const upload = busy.kind === 'upload' && busy.progress && !busy.progress.done ? busy.progress : null;
  const text =
    busy.kind === 'write'
      ? t('import.writing')
      : upload
        ? t('import.uploading', { percent: Math.floor((100 * upload.sent) / Math.max(1, upload.total)) })
        : t('import.reading');
  return (
    <div className="import-busy" role="status" data-testid="import-busy">
      {upload ? <progress max={upload.total} value={upload.sent} /> : <progress />}
      <span>{text}</span>
    </div>
  );
}
