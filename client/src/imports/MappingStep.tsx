// Step 2 of an import: the sheet and header row the server found (both can be changed,
// which reads the headers again), then for every field of the table the column that
// feeds it, pre-filled with the server's suggestion, and a fixed value where none does.
import { type FieldDef, localize } from '@civic-ledger/shared';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { Lookups } from '../registry/lookups.ts';
import { assignColumn, type ColumnChoice, columnLetter, missingRequired } from './column-choice.ts';
import { FixedValueInput } from './FixedValueInput.tsx';
import type { PreviewResponse } from './preview-response.ts';

interface MappingStepProps {
  /** The answer that read the headers (the server's suggestion, every column listed). */
  readonly response: PreviewResponse;
  readonly fields: readonly FieldDef[];
  readonly choice: ColumnChoice;
  readonly onChoice: (choice: ColumnChoice) => void;
  readonly fixed: Readonly<Record<string, string>>;
  readonly onFixed: (fixed: Record<string, string>) => void;
  readonly headerRow: string;
  readonly onHeaderRow: (text: string) => void;
  readonly onReadHeaders: (sheet: string, headerRow: number | null) => void;
  /** The target room's committee (its rows' committee is set automatically). */
  readonly committeeId: string | null;
  readonly lookups: Lookups;
  readonly busy: boolean;
}

export function MappingStep(props: MappingStepProps) {
  const { t, locale } = useI18n();
  const { response, choice, fixed, busy } = props;
  const columns = response.preview.columns;
  const missing = missingRequired(props.fields, choice, fixed, props.committeeId);
  const headerRow = Number(props.headerRow);
  const headerRowValid = Number.isInteger(headerRow) && headerRow >= 1;
  const committeeName =
    props.committeeId === null
      ? null
      : (props.lookups.committees.byId.get(props.committeeId)?.name ?? props.committeeId);

  return (
    <div className="import-mapping" data-testid="import-mapping">
      <div className="import-source">
        {response.sheets.length > 1 && (
          <label>
            {t('import.sheet')}
            <select
              value={response.sheet}
              onChange={(e) => props.onReadHeaders(e.target.value, null)}
              disabled={busy}
              data-testid="import-sheet"
            >
              {response.sheets.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('import.headerRow')}
          <input
            type="number"
            min={1}
            value={props.headerRow}
            onChange={(e) => props.onHeaderRow(e.target.value)}
            disabled={busy}
            data-testid="import-header-row"
          />
        </label>
        <button
          type="button"
          onClick={() => props.onReadHeaders(response.sheet, headerRow)}
          disabled={busy || !headerRowValid || headerRow === response.preview.headerRow}
          data-testid="import-read-headers"
        >
          {t('import.headerRow.apply')}
        </button>
      </div>
      <p className="import-hint">{t('import.mapping.intro')}</p>
      {missing.length > 0 && (
        <p className="import-warning" role="status" data-testid="import-missing">
          {t('import.mapping.missing', {
            fields: missing.map((f) => localize(f.label, locale)).join(locale === 'zh-CN' ? '、' : ', '),
          })}
        </p>
      )}
      <table className="import-table">
        <thead>
          <tr>
            <th>{t('import.mapping.field')}</th>
            <th>{t('import.mapping.column')}</th>
            <th>{t('import.mapping.fixed')}</th>
          </tr>
        </thead>
        <tbody>
          {props.fields.map((field) => {
            const column = choice[field.key] ?? null;
            const auto = field.key === 'committeeId' && committeeName !== null;
            return (
              <tr key={field.key} data-field={field.key}>
                <th scope="row">
                  {localize(field.label, locale)}
                  {field.required && field.default === undefined && (
                    <span className="import-required" title={t('import.mapping.required')}>
                      *
                    </span>
                  )}
                </th>
                <td>
                  <select
                    value={column === null ? '' : String(column)}
                    onChange={(e) =>
                      props.onChoice(
                        assignColumn(
                          choice,
                          field.key,
                          e.target.value === '' ? null : Number(e.target.value),
                        ),
                      )
                    }
                    disabled={busy}
                    data-testid={`import-column-${field.key}`}
                    aria-label={localize(field.label, locale)}
                  >
                    <option value="">{t('import.mapping.none')}</option>
                    {columns.map((c) => (
                      <option key={c.column} value={String(c.column)}>
                        {columnLetter(c.column)} · {c.header || t('import.mapping.noHeader')}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {auto ? (
                    <span className="import-auto">{t('import.mapping.auto', { name: committeeName })}</span>
                  ) : (
                    <FixedValueInput
                      field={field}
                      value={fixed[field.key] ?? ''}
                      onChange={(value) => props.onFixed({ ...fixed, [field.key]: value })}
                      lookups={props.lookups}
                      committeeId={props.committeeId}
                      disabled={busy}
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
