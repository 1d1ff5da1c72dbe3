// One clickable bar of a chart: a focusable SVG group with a title, opened with a click,
// Enter or Space, like the numbers elsewhere on the page.
import type { ReactNode } from 'react';
import { type DrillTarget, drillCount, drillKey, resolveDrill } from './drill.ts';
import { useDrill } from './drill-context.ts';

interface ChartBarProps {
  readonly target: DrillTarget;
  /** What a screen reader and the tooltip say. */
  readonly label: string;
  readonly className: string;
  readonly children: ReactNode;
}

export function ChartBar(props: ChartBarProps) {
  const { totals, open, openKey } = useDrill();
  const key = drillKey(props.target);
  const activate = () => open(props.target);
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG shape cannot be a <button>
    <g
      role="button"
      tabIndex={0}
      className={`chart-bar ${props.className}${openKey === key ? ' active' : ''}`}
      aria-label={props.label}
      aria-pressed={openKey === key}
      data-testid={`bar-${key}`}
      data-count={drillCount(resolveDrill(totals, props.target))}
      onClick={activate}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          activate();
        }
      }}
    >
      <title>{props.label}</title>
      {props.children}
    </g>
  );
}
