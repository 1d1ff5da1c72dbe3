// The form a gap opens: who takes the slot (a free person of the site's committee is
// offered first, people already on a shift then apart) and in which role. Enter adds,
// Escape cancels. A double booking is never made by accident: choosing a busy person says
// so, and adding waits until the double booking is confirmed.
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
  const [doubleConfirmed, setDoubleConfirmed] = useState(false);
  const submitRef = useRef<HTMLButtonElement>(null);
  useEffect(() => submitRef.current?.focus(), []);
  const chosen = props.candidates.find((c) => c.id === person) ?? null;
  const blocked = chosen?.busy === true && !doubleConfirmed;
  const free = props.candidates.filter((c) => !c.busy);
  const busy = props.candidates.filter((c) => c.busy);

  return (
    <form
      className="add-shift"
      data-testid="add-shift-form"
      aria-label={t('shift.title')}
      onSubmit={(e) => {
        e.preventDefault();
        if (!blocked) props.onSubmit(person === '' ? null : person, role);
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
        <select
          value={person}
          onChange={(e) => {
            setPerson(e.target.value);
            setDoubleConfirmed(false);
          }}
          data-testid="add-shift-person"
        >
          <option value="">{t('shift.nobody')}</option>
          {free.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
          {busy.length > 0 && (
            <optgroup label={t('shift.busyGroup')}>
              {busy.map((c) => (
                <option key={c.id} value={c.id}>
                  {`${c.name} ${t('shift.busy')}`}
                </option>
              ))}
            </optgroup>
          )}
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
      <button type="submit" ref={submitRef} data-testid="add-shift-submit" disabled={blocked}>
        {t('shift.submit')}
      </button>
      <button type="button" onClick={props.onCancel}>
        {t('shift.cancel')}
      </button>
      {chosen?.busy && (
        <span className="add-shift-warning" role="alert" data-testid="add-shift-double">
          {t('shift.doubleWarning')}
          <label>
            <input
              type="checkbox"
              checked={doubleConfirmed}
              onChange={(e) => setDoubleConfirmed(e.target.checked)}
              data-testid="add-shift-confirm-double"
            />
            {t('shift.confirmDouble')}
          </label>
        </span>
      )}
    </form>
  );
}
