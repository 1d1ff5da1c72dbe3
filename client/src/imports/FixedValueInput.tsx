// The fixed value of one field in the mapping step, in the editor its kind calls for:
// a list of options, sites, people or committees (sent as their value or id, which the
// server reads as such), yes/no, or text the server reads like a cell (dates included).
import { type FieldDef, localize } from '@civic-ledger/shared';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { Lookups, RefEntry } from '../registry/lookups.ts';

interface FixedValueInputProps {
  readonly field: FieldDef;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly lookups: Lookups;
  /** The target room's committee: only its sites are offered. */
  readonly committeeId: string | null;
  readonly disabled: boolean;
}

const PLACEHOLDERS: Partial<Record<FieldDef['kind'], string>> = {
  date: '2020-05-11',
  datetime: '2020-05-11 08:30',
  time: '08:30',
  number: '0',
};

export function FixedValueInput(props: FixedValueInputProps) {
  const { t, locale } = useI18n();
  const { field, lookups } = props;
  const testId = `import-fixed-${field.key}`;
  const choose = (options: readonly { value: string; label: string }[]) => (
    <select
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      disabled={props.disabled}
      data-testid={testId}
      aria-label={localize(field.label, locale)}
    >
      <option value="">—</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
  const refs = (entries: readonly RefEntry[]) => entries.map((e) => ({ value: e.id, label: e.name }));
  switch (field.kind) {
    case 'select':
      return choose(field.options.map((o) => ({ value: o.value, label: localize(o.label, locale) })));
    case 'boolean':
      return choose([
        { value: 'true', label: t('import.yes') },
        { value: 'false', label: t('import.no') },
      ]);
    case 'site':
      return choose(
        refs(
          props.committeeId === null
            ? lookups.sites.entries
            : lookups.sites.entries.filter((e) => e.committeeId === props.committeeId),
        ),
      );
    case 'person':
      return choose(refs(lookups.people.entries));
    case 'committee':
      return choose(refs(lookups.committees.entries));
    default:
      return (
        <input
          type="text"
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          disabled={props.disabled}
          placeholder={PLACEHOLDERS[field.kind] ?? ''}
          data-testid={testId}
          aria-label={localize(field.label, locale)}
        />
      );
  }
}
