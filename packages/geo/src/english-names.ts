/**
 * English names of areas: the Hanyu Pinyin of the proper name followed by the translated generic part
 * (区 District, 街道 Subdistrict, 镇 Town…), the usual rendering of Chinese place names in English.
 */
import { pinyin } from 'pinyin-pro';

/** Generic endings, longest first, with their English words. */
const genericEndings: readonly [string, string][] = [
  ['经济开发区', 'Economic Development Zone'],
  ['循环经济园', 'Circular Economy Park'],
  ['瑶族乡', 'Yao Ethnic Township'],
  ['管理局', 'Administration Bureau'],
  ['管理处', 'Administration Office'],
  ['工业园', 'Industrial Park'],
  ['农场', 'Farm'],
  ['街道', 'Subdistrict'],
  ['社区', 'Community'],
  ['网格', 'Grid'],
  ['省', 'Province'],
  ['市', 'City'],
  ['区', 'District'],
  ['县', 'County'],
  ['镇', 'Town'],
  ['乡', 'Township'],
  ['村', 'Village'],
];

/** Place names that open longer names and are written as their own word (湖南醴陵… → Hunan Liling…). */
const leadingPlaceNames: readonly [string, string][] = [
  ['湖南', '湖南'],
  ['茶陵县', '茶陵'],
  ['炎陵县', '炎陵'],
  ['攸县', '攸'],
  ['醴陵', '醴陵'],
];

/** Pinyin of a run of characters as one capitalised word, with the apostrophe before a, o, e syllables. */
export function pinyinWord(chinese: string): string {
  const syllables = pinyin(chinese, { toneType: 'none', type: 'array' });
  const joined = syllables.map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s)).join('');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

/** `株洲市` → `Zhuzhou City`, `茨菇塘街道` → `Cigutang Subdistrict`, `攸县工业园` → `You Industrial Park`. */
export function englishAreaName(chinese: string): string {
  let rest = chinese;
  const words: string[] = [];
  for (const [prefix, base] of leadingPlaceNames) {
    if (rest.startsWith(prefix) && rest.length > prefix.length + 1) {
      words.push(pinyinWord(base));
      rest = rest.slice(prefix.length);
    }
  }
  // A generic ending alone is allowed only after a leading place name (攸县工业园 → You Industrial Park).
  const minimumProper = words.length > 0 ? 0 : 1;
  const ending = genericEndings.find(
    ([suffix]) => rest.endsWith(suffix) && rest.length >= suffix.length + minimumProper,
  );
  if (ending) {
    const proper = rest.slice(0, rest.length - ending[0].length);
    if (proper === '红色') words.push('Red');
    else if (proper !== '') words.push(pinyinWord(proper));
    words.push(ending[1]);
  } else {
    words.push(pinyinWord(rest));
  }
  return words.join(' ');
}
