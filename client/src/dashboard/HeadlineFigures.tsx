// The meeting's headline figures: counts of issues found, closed and late today, the two
// rates with their numerator and denominator, and today's roster coverage.
import type { Ratio } from '@civic-ledger/shared';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { DrillNumber } from './DrillNumber.tsx';
import type { CountFigure, DrillTarget } from './drill.ts';
import { useDrill } from './drill-context.ts';
import { formatRate } from './figure-format.ts';

const COUNTS: readonly { figure: CountFigure; label: MessageKey }[] = [
  { figure: 'found', label: 'figure.found' },
  { figure: 'foundToday', label: 'figure.foundToday' },
  { figure: 'closedToday', label: 'figure.closedToday' },
  { figure: 'overdue', label: 'figure.overdue' },
  { figure: 'recurred', label: 'figure.recurred' },
];

function Card(props: { readonly label: string; readonly id: string; readonly children: ReactNode }) {
  return (
    <section className="figure-card" aria-labelledby={`figure-${props.id}`} data-figure={props.id}>
      <h3 id={`figure-${props.id}`}>{props.label}</h3>
      {props.children}
    </section>
  );
}

function RateCard(props: {
  readonly id: string;
  readonly label: string;
  readonly rate: Ratio['rate'];
  readonly numerator: DrillTarget;
  readonly denominator: DrillTarget;
  readonly extra?: ReactNode;
}) {
  const { locale } = useI18n();
  return (
    <Card label={props.label} id={props.id}>
      <p className="figure-rate" data-testid={`rate-${props.id}`}>
        {formatRate(props.rate, locale)}
      </p>
      <p className="figure-ratio">
        <DrillNumber target={props.numerator} />
        <span aria-hidden="true"> / </span>
        <DrillNumber target={props.denominator} />
        {props.extra}
      </p>
    </Card>
  );
}

export function HeadlineFigures() {
  const { t } = useI18n();
  const { totals } = useDrill();
  return (
    <div className="figures" data-testid="headline-figures">
      {COUNTS.map(({ figure, label }) => (
        <Card key={figure} label={t(label)} id={figure}>
          <DrillNumber target={{ kind: 'figure', figure }} className="figure-count" />
        </Card>
      ))}
      <RateCard
        id="resolutionRate"
        label={t('figure.resolutionRate')}
        rate={totals.resolutionRate.rate}
        numerator={{ kind: 'rate', figure: 'resolutionRate', part: 'numerator' }}
        denominator={{ kind: 'rate', figure: 'resolutionRate', part: 'denominator' }}
      />
      <RateCard
        id="onTimeRate"
        label={t('figure.onTimeRate')}
        rate={totals.onTimeRate.rate}
        numerator={{ kind: 'rate', figure: 'onTimeRate', part: 'numerator' }}
        denominator={{ kind: 'rate', figure: 'onTimeRate', part: 'denominator' }}
      />
      <RateCard
        id="coverage"
        label={t('figure.coverage')}
        rate={totals.rosterCoverage.rate}
        numerator={{ kind: 'coverage', part: 'covered', committeeId: null }}
        denominator={{ kind: 'coverage', part: 'cells', committeeId: null }}
        extra={
          <span className="figure-gaps">
            {t('figure.gaps')} <DrillNumber target={{ kind: 'coverage', part: 'gaps', committeeId: null }} />
          </span>
        }
      />
    </div>
  );
}
