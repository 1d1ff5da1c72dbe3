import { describe, expect, it } from 'vitest';
import type { Principal } from './access.ts';
import { checkTransition, nextStatuses } from './issue-workflow.ts';

const office: Principal = { role: 'staff', committeeId: null };
const member: Principal = { role: 'member', committeeId: 'taoyuan' };

describe('issue workflow', () => {
  it('a committee rectifies but cannot write off its own issue', () => {
    expect(checkTransition(member, 'open', 'in_progress')).toBeNull();
    expect(checkTransition(member, 'in_progress', 'rectified')).toBeNull();
    expect(checkTransition(member, 'rectified', 'closed')?.code).toBe('transition_office_only');
  });

  it('the office verifies, sends back and reopens', () => {
    expect(checkTransition(office, 'rectified', 'closed')).toBeNull();
    expect(checkTransition(office, 'rectified', 'in_progress')).toBeNull();
    expect(checkTransition(office, 'closed', 'reopened')).toBeNull();
    expect(checkTransition(member, 'closed', 'reopened')?.code).toBe('transition_office_only');
  });

  it('refuses changes outside the loop with a reason in both languages', () => {
    const err = checkTransition(office, 'open', 'closed');
    expect(err?.code).toBe('transition_not_allowed');
    expect(err?.message['zh-CN']).toContain('待整改');
    expect(err?.message.en).toContain('"open"');
  });

  it('a new issue may start open, but only the office may create it closed', () => {
    expect(checkTransition(member, null, 'open')).toBeNull();
    expect(checkTransition(member, null, 'closed')?.code).toBe('transition_office_only');
    expect(checkTransition(office, null, 'closed')).toBeNull();
  });

  it('lists what comes next for a role', () => {
    expect(nextStatuses(member, 'rectified')).toEqual([]);
    expect(nextStatuses(office, 'rectified').sort()).toEqual(['closed', 'in_progress']);
  });
});
