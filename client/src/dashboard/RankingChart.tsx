// The committees best first (the shared ranking): a bar for each committee's resolution
// rate, with its closed / found and overdue counts; every bar and count drills down.
import { useI18n } from '../i18n/I18nContext.tsx';
import type { Lookups } from '../registry/lookups.ts';
import { ChartBar } from './ChartBar.tsx';
import { useDrill } from './drill-context.ts';
import { formatCount, formatRate } from './figure-format.ts';

// Drawn at its own size (CSS caps the width at WIDTH px), so 13 px text stays 13 px, with
// room for five-digit counts and the overdue label side by side.
const WIDTH = 760;
const ROW = 28;
const NAME_W = 150;
const BAR_W = 280;
const PAD_TOP = 6;
/** Right edges of the rate and the closed count after the bar. */
const RATE_X = NAME_W + BAR_W + 64;
const CLOSED_X = RATE_X + 64;

export function RankingChart({ lookups }: { readonly lookups: Lookups }) {
  const { t, locale } = useI18n();
  const { totals } = useDrill();
  const ranking = totals.ranking;
  const height = PAD_TOP * 2 + Math.max(1, ranking.length) * ROW;
  const title = t('ranking.title');
  return (
    <section className="dash-panel chart wide ranking" aria-labelledby="ranking-title">
      <h3 id="ranking-title">{title}</h3>
      {ranking.length === 0 ? (
        <p className="dash-empty">{t('ranking.empty')}</p>
      ) : (
        <svg
          viewBox={`0 0 ${WIDTH} ${height}`}
          className="ranking-chart"
          aria-labelledby="ranking-svg-title"
          aria-describedby="ranking-svg-desc"
          data-testid="ranking-chart"
        >
          <title id="ranking-svg-title">{title}</title>
          <desc id="ranking-svg-desc">{t('ranking.desc')}</desc>
          {ranking.map((s, i) => {
            const name = lookups.committees.byId.get(s.committeeId)?.name ?? s.committeeId;
            const y = PAD_TOP + i * ROW;
            const rate = s.resolutionRate.rate;
            const w = rate === null ? 0 : rate * BAR_W;
            const rateText = formatRate(rate, locale);
            const textY = y + 19;
            return (
              <g key={s.committeeId} data-committee={s.committeeId}>
                <text className="rank-name" x={NAME_W - 8} y={textY} textAnchor="end">
                  {s.rank}. {name}
                </text>
                <ChartBar
                  target={{ kind: 'committee', committeeId: s.committeeId, figure: 'closed' }}
                  label={`${t('ranking.bar', { rank: s.rank, name, rate: rateText })}; ${t('figure.closed')} ${s.closed.count}`}
                  className="rank"
                >
                  <rect className="track" x={NAME_W} y={y + 4} width={BAR_W} height={ROW - 8} />
                  <rect className="bar" x={NAME_W} y={y + 4} width={w} height={ROW - 8} />
                  <text className="bar-value" x={RATE_X} y={textY} textAnchor="end">
                    {rateText}
                  </text>
                  <text className="bar-count" x={CLOSED_X} y={textY} textAnchor="end">
                    {formatCount(s.closed.count, locale)}
                  </text>
                </ChartBar>
                <text className="rank-slash" x={CLOSED_X + 6} y={textY}>
                  /
                </text>
                <ChartBar
                  target={{ kind: 'committee', committeeId: s.committeeId, figure: 'found' }}
                  label={`${name} · ${t('figure.found')} ${s.found.count}`}
                  className="count"
                >
                  <text className="bar-count" x={CLOSED_X + 16} y={textY}>
                    {formatCount(s.found.count, locale)}
                  </text>
                </ChartBar>
                {s.overdue.count > 0 && (
                  <ChartBar
                    target={{ kind: 'committee', committeeId: s.committeeId, figure: 'overdue' }}
                    label={`${name} · ${t('figure.overdue')} ${s.overdue.count}`}
                    className="overdue"
                  >
                    <text className="overdue-value" x={WIDTH - 4} y={textY} textAnchor="end">
                      {t('figure.overdue')} {formatCount(s.overdue.count, locale)}
                    </text>
                  </ChartBar>
                )}
              </g>
            );
          })}
        </svg>
      )}
    </section>
  );
}
