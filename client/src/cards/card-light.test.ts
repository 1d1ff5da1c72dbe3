// The card light follows the shared overdue rule; cards put overdue issues first.
import { describe, expect, it } from 'vitest';
import { cardLight, cardOrder } from './card-light.ts';

describe('card light', () => {
  it('is red past the deadline, green before it, none once rectified or without a deadline', () => {
    expect(cardLight({ status: 'open', deadline: '2026-12-02' }, '2026-12-03')).toBe('red');
    expect(cardLight({ status: 'in_progress', deadline: '2026-12-03' }, '2026-12-03')).toBe('green');
    expect(cardLight({ status: 'rectified', deadline: '2026-12-01' }, '2026-12-03')).toBe('none');
    expect(cardLight({ status: 'open' }, '2026-12-03')).toBe('none');
  });

  it('orders overdue first, then by deadline', () => {
    const rows = [
      { id: 'a', status: 'open', deadline: '2026-12-09' },
      { id: 'b', status: 'closed', deadline: '2026-12-01' },
      { id: 'c', status: 'open', deadline: '2026-12-01' },
      { id: 'd', status: 'open', deadline: '2026-12-05' },
    ];
    expect(cardOrder(rows, '2026-12-03').map((r) => r.id)).toEqual(['c', 'd', 'a', 'b']);
  });
});
