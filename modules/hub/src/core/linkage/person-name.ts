/**
 * Person names reduced to comparable forms: Han names to toneless pinyin (surname readings for the family
 * name, via `pinyin-pro`), Latin names to lower-case tokens, each split into family and given parts, so that
 * homophones, transliterations and swapped name order compare equal.
 */
import { pinyin } from 'pinyin-pro';

export type NameScript = 'han' | 'latin';

export interface NameForm {
  script: NameScript;
  /** Han characters of the name ('' for Latin names). */
  han: string;
  /** Family name as pinyin or Latin letters. */
  family: string;
  /** Given name as pinyin or Latin letters. */
  given: string;
  /** family + given, e.g. `zhangxiaoming`. */
  key: string;
  /** given + family, for names written in Western order. */
  swappedKey: string;
  /** The order-free form: the smaller of key and swappedKey; equal for `Zhang San` and `San Zhang`. */
  orderFreeKey: string;
  /** First letters of family and given name, sorted (`xz` for 张小明 and for `Xiaoming Zhang`). */
  initials: string;
  /** Pinyin of each Han character, in order ([] for Latin names). */
  syllables: string[];
}

/** Compound (two-character) surnames, checked before the single-character reading. */
const compoundSurnames = new Set(
  (
    '欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 钟离 澹台 西门 南宫 闻人 赫连 呼延 ' +
    '端木 百里 东郭 独孤 万俟 申屠 太史 司空 左丘 公羊 濮阳 淳于 单于 拓跋 完颜'
  ).split(' '),
);

const hanCharacter = /\p{Script=Han}/u;
const surnameReadings = new Map<string, string>();
const characterReadings = new Map<string, string>();

/** Toneless pinyin of one character, cached: names repeat characters, and pinyin-pro costs microseconds. */
function readingOf(character: string, asSurname: boolean): string {
  const cache = asSurname ? surnameReadings : characterReadings;
  let reading = cache.get(character);
  if (reading === undefined) {
    const syllables = pinyin(
      character,
      asSurname
        ? { toneType: 'none', type: 'array', v: true, mode: 'surname' }
        : { toneType: 'none', type: 'array', v: true },
    );
    reading = foldSyllable((syllables[0] ?? '').toLowerCase());
    cache.set(character, reading);
  }
  return reading;
}

/**
 * Folds the spellings of ü that ID cards, passports and keyboards use (`lü`, `lv`, `lyu`, `lu`) into one,
 * and strips anything that is not a letter.
 */
function foldSyllable(text: string): string {
  return text
    .replace(/^([ln])yu/, '$1u')
    .replace(/v/g, 'u')
    .replace(/[^a-z]/g, '');
}

/** The comparable form of a name, or null when it holds no letters or Han characters. */
export function nameForm(name: string): NameForm | null {
  if (isPlainHan(name)) return hanNameForm(name);
  const trimmed = name.normalize('NFKC').trim();
  if (trimmed.length === 0) return null;
  return hanCharacter.test(trimmed) ? hanNameForm(trimmed) : latinNameForm(trimmed);
}

/** Whether the name is only characters of the CJK Unified Ideographs block (the common case: no work to do). */
function isPlainHan(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code < 0x4e00 || code > 0x9fff) return false;
  }
  return true;
}

function hanNameForm(name: string): NameForm | null {
  const han = isPlainHan(name)
    ? name
    : Array.from(name)
        .filter((c) => hanCharacter.test(c))
        .join('');
  if (han.length === 0) return null;
  const familyLength = han.length > 2 && compoundSurnames.has(han.slice(0, 2)) ? 2 : 1;
  const syllables: string[] = [];
  for (let i = 0; i < han.length; i++) syllables.push(readingOf(han[i]!, i < familyLength));
  const family = syllables.slice(0, familyLength).join('');
  const given = syllables.slice(familyLength).join('');
  return build('han', { han, family, given, syllables });
}

/**
 * Latin names: `ZHANG Xiaoming` (upper-case family name, the passport convention), `Zhang, Xiaoming`
 * (comma after the family name), or plain tokens read family-first as Chinese sources write them; the
 * order-free key makes the reading order irrelevant for matching.
 */
function latinNameForm(name: string): NameForm | null {
  const plain = name.normalize('NFD').replace(/\p{M}/gu, '');
  const comma = plain.indexOf(',');
  let familyPart: string;
  let givenPart: string;
  if (comma >= 0) {
    familyPart = plain.slice(0, comma);
    givenPart = plain.slice(comma + 1);
  } else {
    const tokens = plain.split(/[^A-Za-z]+/).filter((t) => t.length > 0);
    if (tokens.length === 0) return null;
    const upper = tokens.filter((t) => t.length > 1 && t === t.toUpperCase());
    const familyIndex = upper.length === 1 && tokens.length > 1 ? tokens.indexOf(upper[0]!) : 0;
    familyPart = tokens[familyIndex]!;
    givenPart = tokens.filter((_, i) => i !== familyIndex).join(' ');
  }
  const family = latinLetters(familyPart);
  const given = latinLetters(givenPart);
  if (family.length + given.length === 0) return null;
  return build('latin', { han: '', family, given, syllables: [] });
}

function latinLetters(text: string): string {
  return text
    .toLowerCase()
    .split(/[^a-z]+/)
    .map(foldSyllable)
    .join('');
}

function build(
  script: NameScript,
  parts: { han: string; family: string; given: string; syllables: string[] },
): NameForm {
  const { han, family, given, syllables } = parts;
  const key = family + given;
  const swappedKey = given + family;
  const letters = [family[0] ?? '', given[0] ?? ''].sort().join('');
  return {
    script,
    han,
    family,
    given,
    key,
    swappedKey,
    orderFreeKey: key < swappedKey ? key : swappedKey,
    initials: letters,
    syllables,
  };
}
