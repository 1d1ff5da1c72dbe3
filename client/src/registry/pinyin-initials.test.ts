import { describe, expect, it } from 'vitest';
import { nameMatches, pinyinInitials } from './pinyin-initials.ts';

describe('pinyin initials of names', () => {
  it('gives the initials of common names', () => {
    expect(pinyinInitials('张伟民')).toBe('zwm');
    expect(pinyinInitials('王芳')).toBe('wf');
    expect(pinyinInitials('李娜')).toBe('ln');
    expect(pinyinInitials('陈静')).toBe('cj');
    expect(pinyinInitials('欧阳小红')).toBe('oyxh');
    expect(pinyinInitials('Amy 刘')).toBe('amy l');
  });

  it('finds a person by a part of the name or by initials', () => {
    expect(nameMatches('张伟民', 'zwm')).toBe(true);
    expect(nameMatches('张伟民', 'ZWM')).toBe(true);
    expect(nameMatches('张伟民', 'wm')).toBe(true);
    expect(nameMatches('张伟民', '伟民')).toBe(true);
    expect(nameMatches('张伟民', 'zwf')).toBe(false);
    expect(nameMatches('张伟民', '')).toBe(true);
  });
});
