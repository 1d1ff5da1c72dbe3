// Complete rows for tests that write through the official client: rows are created
// complete, in one update (the server refuses a row missing a required field).
import * as Y from 'yjs';
import { tid } from './clients.ts';

/** A site id for rows that need one (any valid row id will do for the rules). */
export const TEST_SITE = tid('test-site');

/** Every required value of a row of the room's table, then `extra` over them. */
export function completeRow(
  room: string,
  id: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const [table, committeeId] = room.split('.');
  if (table === 'ledger') {
    return {
      id,
      committeeId,
      siteId: TEST_SITE,
      category: 'street_rubbish',
      description: '测试问题',
      source: 'self_check',
      foundAt: '2026-03-02T09:00:00+08:00',
      // As the grid writes it: with its deadline, so the server has none to fill.
      deadline: '2026-03-03',
      status: 'open',
      recurrences: 0,
      ...extra,
    };
  }
  if (table === 'roster') {
    return {
      id,
      committeeId,
      date: '2026-11-24',
      start: '08:00',
      end: '12:00',
      siteId: TEST_SITE,
      role: 'volunteer',
      status: 'scheduled',
      ...extra,
    };
  }
  throw new Error(`no complete test row for ${room}`);
}

/** A complete ledger row as an outside client might write it: without a deadline. */
export function rowWithoutDeadline(
  room: string,
  id: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const { deadline: _, ...row } = completeRow(room, id, extra);
  return row;
}

/** A row map holding `values` (to put into `rows` inside one transaction). */
export function rowMap(values: Record<string, unknown>): Y.Map<unknown> {
  const row = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(values)) row.set(k, v);
  return row;
}
