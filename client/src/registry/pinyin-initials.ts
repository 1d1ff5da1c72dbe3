// The pinyin initials of a Chinese name ("张伟民" → "zwm") for typing to find a person,
// without a dictionary: the browser's Chinese collation orders characters by pinyin, so
// the first character of each initial letter bounds that letter's range. Polyphonic
// characters get their most common reading; letters and digits stay as they are.

/** The first character (in pinyin collation) of each initial, and that initial. */
const BOUNDS = '阿芭擦搭蛾发噶哈击喀垃妈拿哦啪期然撒塌挖昔压匝';
const LETTERS = 'abcdefghjklmnopqrstwxyz';

const collator = new Intl.Collator('zh-Hans-CN', { sensitivity: 'base' });
const cache = new Map<string, string>();

function isHan(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return code >= 0x4e00 && code <= 0x9fff;
}

/** The initial of one character: a letter for a Han character, itself lower-cased otherwise. */
function initialOf(ch: string): string {
  if (!isHan(ch)) return ch.toLowerCase();
  const known = cache.get(ch);
  if (known !== undefined) return known;
  let letter = '';
  for (let i = BOUNDS.length - 1; i >= 0; i--) {
    if (collator.compare(ch, BOUNDS[i] ?? '') >= 0) {
      letter = LETTERS[i] ?? '';
      break;
    }
  }
  cache.set(ch, letter);
  return letter;
}

export function pinyinInitials(text: string): string {
  let out = '';
  for (const ch of text) out += initialOf(ch);
  return out;
}

/**
 * Whether what was typed finds a name: a part of the name itself, or (typed in latin
 * letters) a run of its pinyin initials ("zwm", "wm" both find 张伟民).
 */
export function nameMatches(name: string, typed: string): boolean {
  const query = typed.trim().toLowerCase();
  if (query === '') return true;
  if (name.toLowerCase().includes(query)) return true;
  return /^[a-z]+$/.test(query) && pinyinInitials(name).includes(query);
}
