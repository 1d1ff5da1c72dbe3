// The import dialog of a table view: choose a file (uploaded for a preview, nothing
// written), map its columns to the table's fields, preview the rows that go in and the
// rows that cannot with reasons, then confirm: the rows are written as one change that
// one undo in the grid takes back. Cancel at any step leaves the table as it was.
import { readTableSchema, schemaForTable, type TableName } from '@civic-ledger/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import { fieldEditable } from '../app/rights.ts';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { Lookups } from '../registry/lookups.ts';
import type { Session } from '../session/session.ts';
import type { RoomConnection } from '../sync/room-connection.ts';
import type { LocalRules } from '../table/local-rules.ts';
import { type ColumnChoice, choiceFromColumns, fixedOf, mappableFields, mappingOf } from './column-choice.ts';
import { FileStep } from './FileStep.tsx';
import { ImportActions, type ImportStep } from './ImportActions.tsx';
import { type ImportBusy, ImportProgress } from './ImportProgress.tsx';
import { type PendingPreview, type PreviewRequest, requestPreview } from './import-api.ts';
import { checkImportFile, FILE_HEAD_BYTES } from './import-file.ts';
import { defaultTarget, importTargets } from './import-target.ts';
import { writeImport } from './import-write.ts';
import { MappingStep } from './MappingStep.tsx';
import { PreviewStep } from './PreviewStep.tsx';
import type { PreviewResponse } from './preview-response.ts';
import './imports.css';

interface ImportDialogProps {
  readonly table: TableName;
  /** The view's open rooms: the import goes into one of them. */
  readonly connections: readonly RoomConnection[];
  /** The committee of the view, or the one chosen in its toolbar. */
  readonly committeeId: string | null;
  readonly session: Session;
  readonly rules: LocalRules;
  readonly lookups: Lookups;
  readonly onClose: () => void;
  readonly onUnauthorized: () => void;
}

const STEPS: readonly ImportStep[] = ['file', 'mapping', 'preview', 'done'];

function fileSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function ImportDialog(props: ImportDialogProps) {
  const { t, locale } = useI18n();
  const targets = useMemo(() => importTargets(props.connections.map((c) => c.room)), [props.connections]);
  const [target, setTarget] = useState<string | null>(() => defaultTarget(targets, props.committeeId));
  const [step, setStep] = useState<ImportStep>('file');
  const [file, setFile] = useState<File | null>(null);
  /** The answer that read the headers: every column, the suggested mapping. */
  const [suggestion, setSuggestion] = useState<PreviewResponse | null>(null);
  /** The answer for the confirmed mapping: the rows to write and the rejected ones. */
  const [result, setResult] = useState<PreviewResponse | null>(null);
  const [choice, setChoice] = useState<ColumnChoice>({});
  const [fixed, setFixed] = useState<Record<string, string>>({});
  const [headerRow, setHeaderRow] = useState('');
  const [busy, setBusy] = useState<ImportBusy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [written, setWritten] = useState(0);
  const pending = useRef<PendingPreview | null>(null);
  const writeTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Closing the dialog stops an upload in flight and a write not yet made.
  useEffect(
    () => () => {
      pending.current?.abort();
      if (writeTimer.current) clearTimeout(writeTimer.current);
    },
    [],
  );

  const connection = props.connections.find((c) => c.room === target) ?? null;
  const committeeId = targets.find((x) => x.room === target)?.committeeId ?? null;
  const stored = connection ? readTableSchema(connection.doc) : null;
  const schema = stored?.ok ? stored.value : schemaForTable(props.table);
  // Fields the account may not fill (a committee does not verify its own issues) are not offered.
  const fields = mappableFields(schema).filter((f) =>
    fieldEditable(props.rules.principal, props.table, f.key),
  );

  /** Uploads the file for a preview; null when it failed (the reason shown) or was superseded. */
  const send = async (
    f: File,
    req: Omit<PreviewRequest, 'room' | 'file'>,
  ): Promise<PreviewResponse | null> => {
    if (target === null) return null;
    pending.current?.abort();
    setError(null);
    setBusy({ kind: 'upload', progress: null });
    const request = requestPreview(props.session, { room: target, file: f, ...req }, (progress) =>
      setBusy({ kind: 'upload', progress }),
    );
    pending.current = request;
    const answer = await request.result;
    if (pending.current !== request) return null;
    pending.current = null;
    setBusy(null);
    if (!answer) return null;
    if (answer.ok) return answer.value;
    if (answer.unauthorized) props.onUnauthorized();
    else setError(t('import.error', { reason: answer.error.message[locale] }));
    return null;
  };

  const readHeaders = async (f: File, sheet: string | null, row: number | null) => {
    const answer = await send(f, { sheet, headerRow: row });
    if (!answer) return;
    setSuggestion(answer);
    setResult(null);
    setChoice(choiceFromColumns(answer.preview.columns, fields));
    setHeaderRow(String(answer.preview.headerRow));
    setStep('mapping');
  };

  const chooseFile = async (f: File | undefined) => {
    if (!f) return;
    const head = new Uint8Array(await f.slice(0, FILE_HEAD_BYTES).arrayBuffer());
    const problem = checkImportFile(f.name, f.size, head);
    if (problem) {
      setError(t('import.error', { reason: problem.message[locale] }));
      return;
    }
    setFile(f);
    setFixed({});
    await readHeaders(f, null, null);
  };

  const toPreview = async () => {
    if (!file || !suggestion) return;
    const answer = await send(file, {
      sheet: suggestion.sheet,
      headerRow: suggestion.preview.headerRow,
      mapping: mappingOf(choice),
      fixed: fixedOf(fixed),
    });
    if (!answer) return;
    setResult(answer);
    setStep('preview');
  };

  const confirm = () => {
    if (!connection || !result) return;
    if (!connection.getStatus().loaded) {
      setError(t('import.notReady'));
      return;
    }
    setError(null);
    setBusy({ kind: 'write' });
    // Let the busy state show before the (synchronous) write of a large import.
    writeTimer.current = setTimeout(() => {
      writeTimer.current = null;
      const outcome = writeImport({
        room: connection.room,
        table: props.table,
        doc: connection.doc,
        rows: result.preview.rows.map((r) => r.values),
        rules: props.rules,
      });
      setBusy(null);
      if (!outcome.ok) {
        setError(t('import.error', { reason: outcome.error.message[locale] }));
        return;
      }
      setWritten(outcome.value.ids.length);
      setStep('done');
    }, 30);
  };

  const cancel = () => {
    if (busy?.kind === 'write') return;
    props.onClose();
  };
  // Escape cancels wherever the focus is (a finished step's button may have taken it along).
  const cancelRef = useRef(cancel);
  cancelRef.current = cancel;
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      cancelRef.current();
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, []);
  const dialogRef = useRef<HTMLDivElement>(null);
  useEffect(() => dialogRef.current?.focus(), []);
  const back = () => {
    setError(null);
    setStep(step === 'preview' ? 'mapping' : 'file');
  };
  const targetName = (room: string | null): string => {
    const committee = targets.find((x) => x.room === room)?.committeeId ?? null;
    return committee === null ? '' : (props.lookups.committees.byId.get(committee)?.name ?? committee);
  };

  return (
    <div className="import-overlay">
      <div
        className="import-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="import-title"
        data-testid="import-dialog"
        data-step={step}
        ref={dialogRef}
        tabIndex={-1}
      >
        <header className="import-header">
          <h2 id="import-title">
            {t('import.title')}
            {target !== null && targetName(target) !== '' && ` · ${targetName(target)}`}
          </h2>
          <ol className="import-steps">
            {STEPS.map((s, i) => (
              <li key={s} className={s === step ? 'current' : STEPS.indexOf(step) > i ? 'past' : ''}>
                {i + 1}. {t(`import.step.${s}`)}
              </li>
            ))}
          </ol>
        </header>
        <div className="import-body">
          {step === 'file' && (
            <FileStep
              targets={targets}
              target={target}
              onTarget={setTarget}
              targetName={targetName}
              onFile={(f) => void chooseFile(f)}
              busy={busy !== null}
            />
          )}
          {file && step !== 'done' && (
            <p className="import-hint" data-testid="import-file-name">
              {t('import.file.chosen', { name: file.name, size: fileSize(file.size) })}
            </p>
          )}
          {step === 'mapping' && suggestion && (
            <MappingStep
              response={suggestion}
              fields={fields}
              choice={choice}
              onChoice={setChoice}
              fixed={fixed}
              onFixed={setFixed}
              headerRow={headerRow}
              onHeaderRow={setHeaderRow}
              onReadHeaders={(sheet, row) => file && void readHeaders(file, sheet, row)}
              committeeId={committeeId}
              lookups={props.lookups}
              busy={busy !== null}
            />
          )}
          {step === 'preview' && result && (
            <PreviewStep response={result} fields={fields} lookups={props.lookups} />
          )}
          {step === 'done' && (
            <p className="import-done" role="status" data-testid="import-done">
              {t('import.done', { n: written })}
            </p>
          )}
          {busy && <ImportProgress busy={busy} />}
          {error && (
            <p className="import-error" role="alert" data-testid="import-error">
              {error}
            </p>
          )}
        </div>
        <ImportActions
          step={step}
          busy={busy}
          accepted={result?.preview.rows.length ?? 0}
          onBack={back}
          onCancel={cancel}
          onPreview={() => void toPreview()}
          onConfirm={confirm}
          onClose={props.onClose}
        />
      </div>
    </div>
  );
}
