// The rows behind the number last clicked, beside the figures: re-read from every new
// computation, so it stays equal to the number while committees edit.
import type { RowValues } from '@civic-ledger/shared';
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { Lookups } from '../registry/lookups.ts';
import { CoverageCellsTable } from './CoverageCellsTable.tsx';
import { type DrillTarget, drillCount, drillKey, resolveDrill } from './drill.ts';
import { useDrill } from './drill-context.ts';
import { formatCount } from './figure-format.ts';
import { IssueRowsTable } from './IssueRowsTable.tsx';
import type { LiveSnapshot } from './live-totals.ts';

interface DrillPanelProps {
  readonly target: DrillTarget;
  readonly snapshot: LiveSnapshot;
  readonly lookups: Lookups;
  readonly onClose: () => void;
}

export function DrillPanel({ target, snapshot, lookups, onClose }: DrillPanelProps) {
  const { t, locale } = useI18n();
  const { totals, title: titleOf } = useDrill();
  const title = titleOf(target);
  const heading = useRef<HTMLHeadingElement>(null);
  const key = drillKey(target);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves when another number is opened
  useEffect(() => heading.current?.focus(), [key]);
  const result = resolveDrill(totals, target);
  const n = drillCount(result);
  const rows: RowValues[] =
    result.kind === 'rows' ? result.ids.map((id) => snapshot.ledger.get(id) ?? { id }) : [];
  return (
    <aside
      className="drill-panel"
      aria-labelledby="drill-title"
      data-testid="drill-panel"
      data-target={key}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <header>
        <h3 id="drill-title" ref={heading} tabIndex={-1}>
          {title}
        </h3>
        <span className="drill-count" data-testid="drill-count" data-count={n}>
          {t('drill.count', { n: formatCount(n, locale) })}
        </span>
        <button type="button" onClick={onClose} data-testid="drill-close">
          {t('drill.close')}
        </button>
      </header>
      {n === 0 ? (
        <p className="dash-empty">{t('drill.empty')}</p>
      ) : result.kind === 'rows' ? (
        <IssueRowsTable rows={rows} lookups={lookups} caption={title} />
      ) : (
        <CoverageCellsTable cells={result.cells} roster={snapshot.roster} lookups={lookups} caption={title} />
      )}
    </aside>
  );
}
