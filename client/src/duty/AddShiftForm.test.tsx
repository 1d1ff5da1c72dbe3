// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/I18nContext.tsx';
import { AddShiftForm } from './AddShiftForm.tsx';
import type { ShiftCandidate } from './gap-shift.ts';

const free: ShiftCandidate = { id: 'p-free', name: '李娜', busy: false, volunteer: true };
const busy: ShiftCandidate = { id: 'p-busy', name: '张伟民', busy: true, volunteer: true };

function renderForm(onSubmit = vi.fn()) {
  render(
    <I18nProvider>
      <AddShiftForm
        where="桃园菜场 · 12-03 · 08:00–10:00"
        candidates={[free, busy]}
        suggested={free}
        onSubmit={onSubmit}
        onCancel={() => undefined}
      />
    </I18nProvider>,
  );
  return onSubmit;
}

afterEach(cleanup);

describe('the gap form', () => {
  it('lists people already on a shift apart from the free ones', () => {
    renderForm();
    const group = screen.getByTestId('add-shift-person').querySelector('optgroup');
    expect(group?.getAttribute('label')).toContain('重复排班');
    expect([...(group?.querySelectorAll('option') ?? [])].map((o) => o.value)).toEqual(['p-busy']);
  });

  it('does not add a double booking until it is confirmed', () => {
    const onSubmit = renderForm();
    fireEvent.change(screen.getByTestId('add-shift-person'), { target: { value: 'p-busy' } });
    expect(screen.getByTestId('add-shift-double').textContent).toContain('重复排班');
    const submit = screen.getByTestId('add-shift-submit') as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    fireEvent.submit(screen.getByTestId('add-shift-form'));
    expect(onSubmit).not.toHaveBeenCalled();

    fireEvent.click(screen.getByTestId('add-shift-confirm-double'));
    expect(submit.disabled).toBe(false);
    fireEvent.submit(screen.getByTestId('add-shift-form'));
    expect(onSubmit).toHaveBeenCalledWith('p-busy', 'volunteer');
  });

  it('adds a free person at once, and a new choice asks again', () => {
    const onSubmit = renderForm();
    fireEvent.submit(screen.getByTestId('add-shift-form'));
    expect(onSubmit).toHaveBeenCalledWith('p-free', 'volunteer');
    const person = screen.getByTestId('add-shift-person');
    fireEvent.change(person, { target: { value: 'p-busy' } });
    fireEvent.click(screen.getByTestId('add-shift-confirm-double'));
    fireEvent.change(person, { target: { value: 'p-free' } });
    fireEvent.change(person, { target: { value: 'p-busy' } });
    expect((screen.getByTestId('add-shift-submit') as HTMLButtonElement).disabled).toBe(true);
  });
});
