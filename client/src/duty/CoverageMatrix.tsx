// The coverage matrix as a table: committees' sites down, days and slots across, sticky
// headers. Focus moves through the cells like a spreadsheet (arrows, Home/End, PageUp/
// PageDown); Enter on a gap, or a click, opens the form that fills it where that is allowed.
import { ROSTER_STATUSES } from '@civic-ledger/shared';
import { Fragment, type KeyboardEvent, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { CoverageMatrix as Matrix, MatrixCell, MatrixSite } from './coverage-matrix.ts';
import { dayLabel } from './date-range.ts';
import { optionText, percentText, slotText } from './labels.ts';
import { type CellPos, moveFocus } from './matrix-focus.ts';

export interface CoverageMatrixProps {
  readonly matrix: Matrix;
  /** Whether the account may add a shift at a site of this committee. */
  readonly canAdd: (committeeId: string | null) => boolean;
  readonly onGap: (site: MatrixSite, cell: MatrixCell) => void;
}

const MAX_NAMES = 2;

export function CoverageMatrix({ matrix, canAdd, onGap }: CoverageMatrixProps) {
  const { t, locale } = useI18n();
  const [pos, setPos] = useState<CellPos>({ row: 0, col: 0 });
  const tableRef = useRef<HTMLTableElement>(null);
  const { columns, groups } = matrix;
  const slotsPerDay = matrix.coverage.slots.length;
  const sites = groups.flatMap((g) => g.sites);
  const row = Math.min(pos.row, Math.max(sites.length - 1, 0));
  const col = Math.min(pos.col, Math.max(columns.length - 1, 0));

  const focusAt = (next: CellPos) => {
    setPos(next);
    tableRef.current?.querySelector<HTMLElement>(`[data-pos="${next.row}:${next.col}"]`)?.focus();
  };
  const activate = (site: MatrixSite, cell: MatrixCell) => {
    if (cell.cell.state === 'gap' && canAdd(site.site.committeeId)) onGap(site, cell);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTableCellElement>, site: MatrixSite, cell: MatrixCell) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      activate(site, cell);
      return;
    }
    const next = moveFocus(
      { row, col },
      event.key,
      event.ctrlKey || event.metaKey,
      sites.length,
      columns.length,
    );
    if (!next) return;
    event.preventDefault();
    focusAt(next);
  };

  let siteIndex = -1;
  return (
    <div className="coverage-scroll">
      <table className="coverage-matrix" ref={tableRef} data-testid="coverage-matrix">
        <thead>
          <tr>
            <th rowSpan={2} className="cov-site-head">
              {t('coverage.site')}
            </th>
            {matrix.coverage.dates.map((date) => (
              <th key={date} colSpan={slotsPerDay} className="cov-day">
                {dayLabel(date, locale)}
              </th>
            ))}
          </tr>
          <tr>
            {columns.map((c) => (
              <th key={c.key} className="cov-slot">
                {slotText(c.slot)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <Fragment key={group.committeeId ?? ''}>
              <tr className="cov-group">
                <th colSpan={columns.length + 1} scope="rowgroup">
                  <span className="cov-group-label">
                    {group.name ?? t('coverage.noCommittee')}
                    <span className="cov-group-rate">
                      {t('coverage.groupRate', { rate: percentText(group.rate, locale) })}
                    </span>
                  </span>
                </th>
              </tr>
              {group.sites.map((site) => {
                siteIndex += 1;
                const r = siteIndex;
                const addable = canAdd(site.site.committeeId);
                return (
                  <tr key={site.site.id}>
                    <th scope="row" className="cov-site" title={site.site.id}>
                      {site.site.name}
                    </th>
                    {site.cells.map((cell, c) => {
                      const column = columns[c];
                      const where = {
                        site: site.site.name,
                        date: column ? dayLabel(column.date, locale) : '',
                        slot: column ? slotText(column.slot) : '',
                      };
                      return (
                        <td
                          key={column?.key ?? c}
                          tabIndex={r === row && c === col ? 0 : -1}
                          data-pos={`${r}:${c}`}
                          data-testid="coverage-cell"
                          data-site={site.site.id}
                          data-date={cell.cell.date}
                          data-start={cell.cell.start}
                          data-state={cell.cell.state}
                          className={`cov-cell cov-${cell.cell.state}${cell.doubleBooked ? ' cov-double' : ''}${
                            cell.cell.state === 'gap' && addable ? ' cov-addable' : ''
                          }`}
                          title={cellTitle(cell, where, addable)}
                          onClick={() => {
                            setPos({ row: r, col: c });
                            activate(site, cell);
                          }}
                          onKeyDown={(e) => onKeyDown(e, site, cell)}
                        >
                          <CellBody cell={cell} addable={addable} />
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );

  function cellTitle(cell: MatrixCell, where: Record<string, string>, addable: boolean): string {
    if (cell.cell.state === 'gap' && cell.shifts.length === 0)
      return t(addable ? 'coverage.gapAddTitle' : 'coverage.gapTitle', where);
    const lines = cell.shifts.map((s) => {
      const who = s.name ?? t('shift.nobody');
      const status = optionText(ROSTER_STATUSES, s.status, locale);
      return `${who} · ${status}${s.doubleBooked ? ` · ${t('coverage.doubleTitle', { name: who })}` : ''}`;
    });
    const head = `${where.site} ${where.date} ${where.slot} · ${t(`coverage.state.${cell.cell.state}`)}`;
    return [head, ...lines].join('\n');
  }
}

function CellBody({ cell, addable }: { cell: MatrixCell; addable: boolean }) {
  const { t, locale } = useI18n();
  const covering = cell.shifts.filter((s) => s.covering);
  const others = cell.shifts.filter((s) => !s.covering && s.personId !== null);
  const open = cell.shifts.filter((s) => s.personId === null).length;
  return (
    <>
      {covering.slice(0, MAX_NAMES).map((s) => (
        <span
          key={s.shiftId}
          className={`cov-person cov-person-${s.status ?? 'scheduled'}${s.doubleBooked ? ' cov-person-double' : ''}`}
        >
          {s.status === 'checked_in' && <span aria-hidden="true">✓</span>}
          {s.name}
          {s.doubleBooked && (
            <span className="cov-double-mark" title={t('coverage.doubleTitle', { name: s.name ?? '' })}>
              {t('coverage.doubleMark')}
            </span>
          )}
        </span>
      ))}
      {covering.length > MAX_NAMES && <span className="cov-more">+{covering.length - MAX_NAMES}</span>}
      {cell.cell.state === 'not_checked_in' && (
        <span className="cov-late-label">{t('coverage.state.not_checked_in')}</span>
      )}
      {cell.cell.state === 'gap' && <span className="cov-gap-label">{t('coverage.gap')}</span>}
      {others.slice(0, MAX_NAMES).map((s) => (
        <span key={s.shiftId} className={`cov-person cov-person-${s.status ?? 'scheduled'}`}>
          {s.name}
          <small>{optionText(ROSTER_STATUSES, s.status, locale)}</small>
        </span>
      ))}
      {open > 0 && <span className="cov-open">{t('coverage.openShift', { n: open })}</span>}
      {cell.cell.state === 'gap' && addable && (
        <span className="cov-add" data-testid="add-shift" aria-hidden="true">
          + {t('coverage.addShift')}
        </span>
      )}
    </>
  );
}
