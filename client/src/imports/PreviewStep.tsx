// Step 3 of an import: how many rows go in and how many cannot, the rows to write as the
// grid will show them, and each rejected row with its sheet row number and the reasons.
import { type FieldDef, localize, type RowValues } from '@civic-ledger/shared';
import { formatCell } from '../grid/cell-format.ts';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { Lookups } from '../registry/lookups.ts';
import type { PreviewResponse } from './preview-response.ts';

/** Rows listed at most per table; the counts cover all of them. */
const LISTED_ROWS = 200;

interface PreviewStepProps {
  readonly response: PreviewResponse;
  readonly fields: readonly FieldDef[];
  readonly lookups: Lookups;
}

/** The fields that hold a value in some row, in schema order. */
function shownFields(fields: readonly FieldDef[], rows: readonly { values: RowValues }[]): FieldDef[] {
  return fields.filter((f) => rows.some((r) => r.values[f.key] !== undefined && r.values[f.key] !== null));
}

function More({ total }: { total: number }) {
  const { t } = useI18n();
  if (total <= LISTED_ROWS) return null;
  return <p className="import-more">{t('import.preview.more', { n: total - LISTED_ROWS })}</p>;
}

export function PreviewStep({ response, fields, lookups }: PreviewStepProps) {
  const { t, locale } = useI18n();
  const { rows, rejected, skipped } = response.preview;
  const columns = shownFields(fields, rows);
  return (
    <div className="import-preview" data-testid="import-preview">
      <p className="import-counts" data-testid="import-counts">
        {t('import.preview.counts', { accepted: rows.length, rejected: rejected.length })}
      </p>
      {skipped.blank + skipped.repeatedHeader + skipped.totals > 0 && (
        <p className="import-hint" data-testid="import-skipped">
          {t('import.preview.skipped', {
            blank: skipped.blank,
            repeated: skipped.repeatedHeader,
            totals: skipped.totals,
          })}
        </p>
      )}
      {rows.length === 0 && <p className="import-warning">{t('import.preview.nothing')}</p>}
      {rows.length > 0 && (
        <section>
          <h3>{t('import.preview.accepted')}</h3>
          <div className="import-scroll">
            <table className="import-table" data-testid="import-accepted">
              <thead>
                <tr>
                  <th>{t('import.preview.line')}</th>
                  {columns.map((f) => (
                    <th key={f.key}>{localize(f.label, locale)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, LISTED_ROWS).map((row) => (
                  <tr key={row.line} data-line={row.line}>
                    <td className="import-line">{row.line}</td>
                    {columns.map((f) => (
                      <td key={f.key}>{formatCell(f, row.values[f.key], locale, lookups)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <More total={rows.length} />
        </section>
      )}
      {rejected.length > 0 && (
        <section>
          <h3>{t('import.preview.rejected')}</h3>
          <div className="import-scroll">
            <table className="import-table import-rejected" data-testid="import-rejected">
              <thead>
                <tr>
                  <th>{t('import.preview.line')}</th>
                  <th>{t('import.preview.content')}</th>
                  <th>{t('import.preview.reasons')}</th>
                </tr>
              </thead>
              <tbody>
                {rejected.slice(0, LISTED_ROWS).map((row) => (
                  <tr key={row.line} data-line={row.line}>
                    <td className="import-line">{row.line}</td>
                    <td className="import-cells">{row.cells.filter((c) => c !== '').join(' | ')}</td>
                    <td>
                      <ul className="import-reasons">
                        {row.problems.map((p, i) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: a row's problems are fixed for this answer
                          <li key={i} data-code={p.code}>
                            {localize(p.message, locale)}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <More total={rejected.length} />
        </section>
      )}
    </div>
  );
}
