// What a drill-down target is called, in the chosen language: the heading of the rows it
// opens and the accessible name of the number that opens them. Made from the target itself,
// so a heading follows a language switch.
import {
  ISSUE_CATEGORIES,
  ISSUE_SOURCES,
  LEDGER_STATUSES,
  type Locale,
  localize,
  NO_VALUE,
  type SelectOption,
} from '@civic-ledger/shared';
import type { MessageKey, Translate } from '../i18n/messages.ts';
import type { DrillTarget } from './drill.ts';
import { formatDay } from './figure-format.ts';

export interface TitleContext {
  readonly t: Translate;
  readonly locale: Locale;
  readonly committeeName: (id: string) => string;
}

function optionLabel(options: readonly SelectOption[], value: string, ctx: TitleContext): string {
  if (value === NO_VALUE) return ctx.t('dashboard.noValue');
  const option = options.find((o) => o.value === value);
  return option ? localize(option.label, ctx.locale) : value;
}

const RATE_PARTS: Record<string, MessageKey> = {
  'resolutionRate:numerator': 'figure.closed',
  'resolutionRate:denominator': 'figure.found',
  'onTimeRate:numerator': 'figure.closedOnTime',
  'onTimeRate:denominator': 'figure.closed',
};

const COVERAGE_PARTS: Record<string, MessageKey> = {
  covered: 'figure.coveredCells',
  gaps: 'figure.gaps',
  cells: 'figure.allCells',
};

export function drillTitle(target: DrillTarget, ctx: TitleContext): string {
  const { t } = ctx;
  switch (target.kind) {
    case 'figure':
      return t(`figure.${target.figure}`);
    case 'rate':
      return `${t(`figure.${target.figure}`)} · ${t(RATE_PARTS[`${target.figure}:${target.part}`] ?? 'figure.found')}`;
    case 'status':
      return `${t('table.district')} · ${optionLabel(LEDGER_STATUSES, target.status, ctx)}`;
    case 'committeeStatus':
      return `${ctx.committeeName(target.committeeId)} · ${optionLabel(LEDGER_STATUSES, target.status, ctx)}`;
    case 'committee':
      return `${ctx.committeeName(target.committeeId)} · ${t(`figure.${target.figure}`)}`;
    case 'category':
      return `${t('table.byCategory')} · ${optionLabel(ISSUE_CATEGORIES, target.value, ctx)}`;
    case 'source':
      return `${t('table.bySource')} · ${optionLabel(ISSUE_SOURCES, target.value, ctx)}`;
    case 'trend':
      return `${formatDay(target.date, ctx.locale)} · ${t(`trend.${target.series}`)}`;
    case 'coverage': {
      const whose = target.committeeId === null ? t('table.district') : ctx.committeeName(target.committeeId);
      return `${whose} · ${t(COVERAGE_PARTS[target.part] ?? 'figure.allCells')}`;
    }
  }
}
