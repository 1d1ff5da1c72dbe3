// A count on the page that opens exactly the rows behind it. The count shown is the size
// of the drill-down itself, so the two cannot disagree.
import { useI18n } from '../i18n/I18nContext.tsx';
import { type DrillTarget, drillCount, drillKey, resolveDrill } from './drill.ts';
import { useDrill } from './drill-context.ts';
import { formatCount } from './figure-format.ts';

interface DrillNumberProps {
  readonly target: DrillTarget;
  readonly className?: string;
}

export function DrillNumber({ target, className }: DrillNumberProps) {
  const { totals, open, openKey, title } = useDrill();
  const { locale } = useI18n();
  const n = drillCount(resolveDrill(totals, target));
  const key = drillKey(target);
  const text = formatCount(n, locale);
  return (
    <button
      type="button"
      className={`drill-number${n === 0 ? ' zero' : ''}${className ? ` ${className}` : ''}`}
      data-testid={`n-${key}`}
      data-count={n}
      aria-pressed={openKey === key}
      aria-label={`${title(target)}: ${text}`}
      onClick={() => open(target)}
    >
      {text}
    </button>
  );
}
