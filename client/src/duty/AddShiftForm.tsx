// The form a gap opens: who takes the slot (a free person of the site's committee is
// offered first) and in which role. Enter adds, Escape cancels.
import { type Locale, ROSTER_ROLES, type RosterRole } from '@civic-ledger/shared';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { ShiftCandidate } from './gap-shift.ts';
import { optionText } from './labels.ts';

export interface AddShiftFormProps {
  /** `site · date · slot`, already in words. */
  readonly where: string;
  readonly candidates: readonly ShiftCandidate[];
  readonly suggested: ShiftCandidate | null;
  readonly onSubmit: (personId: string | null, role: RosterRole) => void;
  readonly onCancel: () => void;
}

function roleLabel(role: RosterRole, locale: Locale): string {
  return optionText(ROSTER_ROLES, role, locale);
}

export function AddShiftForm(props: AddShiftFormProps) {
  const { t, locale } = useI18n();
  const [person, setPerson] = useState<string>(props.suggested?.id ?? '');
  const [role, setRole] = useState<RosterRole>('volunteer');
  const submitRef = useRef<HTMLButtonElement>(null);
  useEffect(() => submitRef.current?.focus(), []);
  const chosen = props.candidates.find((c) => c.id === person) ?? null;

  return (
    <form
      className="add-shift"
      data-testid="add-shift-form"
      aria-label={t('shift.title')}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(person === '' ? null : person, role);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          props.onCancel();
        }
      }}
    >
      <strong>{t('shift.title')}</strong>
      <span className="add-shift-where" data-testid="add-shift-where">
        {props.where}
      </span>
      <label>
        {t('shift.person')}
        <select value={person} onChange={(e) => setPerson(e.target.value)} data-testid="add-shift-person">
          <option value="">{t('shift.nobody')}</option>
          {props.candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.busy ? `${c.name} ${t('shift.busy')}` : c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('shift.role')}
        <select
          value={role}
          onChange={(e) => setRole(e.target.value as RosterRole)}
          data-testid="add-shift-role"
        >
          {ROSTER_ROLES.map((r) => (
            <option key={r.value} value={r.value}>
              {roleLabel(r.value, locale)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" ref={submitRef} data-testid="add-shift-submit">
        {t('shift.submit')}
      </button>
      <button type="button" onClick={props.onCancel}>
        {t('shift.cancel')}
      </button>
      {chosen?.busy && (
        <span className="add-shift-warning" role="status">
          {t('shift.doubleWarning')}
        </span>
      )}
    </form>
  );
}
