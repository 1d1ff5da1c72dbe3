// Issues found and closed per day over the trend window (oldest first), as paired bars
// on a count axis; every bar opens the rows of its day.
import { useI18n } from '../i18n/I18nContext.tsx';
import { ChartBar } from './ChartBar.tsx';
import { countTicks, scale } from './chart-scale.ts';
import { useDrill } from './drill-context.ts';
import { formatCount, formatDay, formatShortDay } from './figure-format.ts';

const WIDTH = 640;
const HEIGHT = 240;
const PAD = { top: 16, right: 12, bottom: 36, left: 36 };
const SERIES = ['found', 'closed'] as const;

export function TrendChart() {
  const { t, locale } = useI18n();
  const { totals } = useDrill();
  const days = totals.trend;
  const max = Math.max(0, ...days.flatMap((d) => [d.found.count, d.closed.count]));
  const ticks = countTicks(max);
  const top = ticks.at(-1) ?? 1;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = days.length > 0 ? plotW / days.length : plotW;
  const barW = Math.max(2, Math.min(18, slot / 2 - 3));
  const title = t('trend.title', { days: days.length });
  return (
    <section className="dash-panel chart" aria-labelledby="trend-title">
      <h3 id="trend-title">{title}</h3>
      <div className="chart-legend" aria-hidden="true">
        <span className="legend found">{t('trend.found')}</span>
        <span className="legend closed">{t('trend.closed')}</span>
      </div>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="trend-chart"
        aria-labelledby="trend-svg-title"
        aria-describedby="trend-svg-desc"
        data-testid="trend-chart"
      >
        <title id="trend-svg-title">{title}</title>
        <desc id="trend-svg-desc">{t('trend.desc')}</desc>
        {ticks.map((v) => {
          const y = PAD.top + plotH - scale(v, top, plotH);
          return (
            // biome-ignore lint/a11y/noAriaHiddenOnFocusable: SVG shapes are not focusable; the axis is decoration
            <g key={v} className="chart-grid" aria-hidden="true">
              <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y} y2={y} />
              <text x={PAD.left - 6} y={y + 4} textAnchor="end">
                {formatCount(v, locale)}
              </text>
            </g>
          );
        })}
        {days.map((day, i) => {
          const x0 = PAD.left + i * slot + slot / 2;
          const dayLabel = formatDay(day.date, locale);
          return (
            <g key={day.date}>
              {SERIES.map((series, s) => {
                const n = day[series].count;
                const h = scale(n, top, plotH);
                const x = x0 + (s === 0 ? -barW - 1 : 1);
                const y = PAD.top + plotH - h;
                const label = t('trend.bar', { day: dayLabel, series: t(`trend.${series}`), n });
                return (
                  <ChartBar
                    key={series}
                    target={{ kind: 'trend', date: day.date, series }}
                    label={label}
                    className={series}
                  >
                    {/* A transparent full-height strip makes short bars easy to hit. */}
                    <rect className="hit" x={x} y={PAD.top} width={barW} height={plotH} />
                    <rect className="bar" x={x} y={y} width={barW} height={Math.max(h, n > 0 ? 1 : 0)} />
                    {n > 0 && (
                      <text className="bar-value" x={x + barW / 2} y={y - 3} textAnchor="middle">
                        {n}
                      </text>
                    )}
                  </ChartBar>
                );
              })}
              {(days.length <= 14 || i % 2 === 0) && (
                // biome-ignore lint/a11y/noAriaHiddenOnFocusable: SVG text is not focusable; each bar names its day
                <text
                  className="axis-label"
                  x={x0}
                  y={HEIGHT - PAD.bottom + 16}
                  textAnchor="middle"
                  aria-hidden="true"
                >
                  {formatShortDay(day.date)}
                </text>
              )}
            </g>
          );
        })}
        {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: SVG shapes are not focusable; the axis is decoration */}
        <line
          className="chart-axis"
          x1={PAD.left}
          x2={WIDTH - PAD.right}
          y1={PAD.top + plotH}
          y2={PAD.top + plotH}
          aria-hidden="true"
        />
      </svg>
    </section>
  );
}
