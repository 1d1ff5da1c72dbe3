// From / to date inputs (at most a week apart), earlier / later by the range's length,
// and a button back to today.
import { addDays, daysBetween, isIsoDate } from '@civic-ledger/shared';
import { useI18n } from '../i18n/I18nContext.tsx';
import { type DateRange, MAX_RANGE_DAYS, shiftRange } from './date-range.ts';

export interface DateRangePickerProps {
  readonly range: DateRange;
  readonly onChange: (range: DateRange) => void;
  readonly onToday: () => void;
}

export function DateRangePicker({ range, onChange, onToday }: DateRangePickerProps) {
  const { t } = useI18n();
  const length = daysBetween(range.from, range.to) + 1;
  return (
    <fieldset className="date-range" data-testid="date-range">
      <button type="button" onClick={() => onChange(shiftRange(range, -length))} aria-label={t('duty.prev')}>
        ‹
      </button>
      <label>
        {t('duty.from')}
        <input
          type="date"
          value={range.from}
          data-testid="range-from"
          onChange={(e) => {
            // Moving the start moves the whole range, keeping its length.
            const from = e.target.value;
            onChange(isIsoDate(from) ? { from, to: addDays(from, length - 1) } : range);
          }}
        />
      </label>
      <label>
        {t('duty.to')}
        <input
          type="date"
          value={range.to}
          data-testid="range-to"
          onChange={(e) => onChange({ from: range.from, to: e.target.value })}
        />
      </label>
      <button type="button" onClick={() => onChange(shiftRange(range, length))} aria-label={t('duty.next')}>
        ›
      </button>
      <button type="button" onClick={onToday}>
        {t('duty.today')}
      </button>
      <button
        type="button"
        onClick={() => onChange({ from: range.from, to: addDays(range.from, MAX_RANGE_DAYS - 1) })}
      >
        {t('duty.week')}
      </button>
      <span className="duty-hint">{t('duty.maxDays', { n: MAX_RANGE_DAYS })}</span>
    </fieldset>
  );
}
