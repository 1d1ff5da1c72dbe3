import { describe, expect, it } from 'vitest';
import type { RowValues } from '../schema/fields.ts';
import { busyPeople, hoursOverlap, isStaffing } from './staffing.ts';

const D = '2026-11-24';
const roster: RowValues[] = [
  { id: 'r1', date: D, start: '08:00', end: '10:00', person: 'p-c', status: 'scheduled' },
  { id: 'r2', date: D, start: '09:00', end: '11:30', person: 'p-b', status: 'absent' },
  { id: 'r3', date: '2026-11-25', start: '09:00', end: '11:30', person: 'p-a', status: 'scheduled' },
  { id: 'r4', date: D, start: '11:30', end: '14:00', person: 'p-a', status: 'checked_in' },
  { id: 'r5', date: D, start: '09:00', end: '11:30', status: 'scheduled' },
];

describe('staffing', () => {
  it('counts scheduled and checked-in shifts as on duty, no other status', () => {
    expect(isStaffing('scheduled')).toBe(true);
    expect(isStaffing('checked_in')).toBe(true);
    expect(isStaffing('absent')).toBe(false);
    expect(isStaffing(null)).toBe(false);
  });

  it('treats hours that touch end to end as not overlapping', () => {
    expect(hoursOverlap({ start: '08:00', end: '10:00' }, { start: '10:00', end: '11:00' })).toBe(false);
    expect(hoursOverlap({ start: '08:00', end: '10:01' }, { start: '10:00', end: '11:00' })).toBe(true);
    expect(hoursOverlap({ start: '09:00', end: '12:00' }, { start: '10:00', end: '11:00' })).toBe(true);
  });

  it('finds the people on a staffing shift that day whose hours overlap the slot', () => {
    expect([...busyPeople(roster, D, { start: '09:00', end: '11:30' })]).toEqual(['p-c']);
    expect([...busyPeople(roster, D, { start: '11:29', end: '12:00' })]).toEqual(['p-a']);
    expect([...busyPeople(roster, '2026-11-25', { start: '10:00', end: '10:30' })]).toEqual(['p-a']);
  });
});
