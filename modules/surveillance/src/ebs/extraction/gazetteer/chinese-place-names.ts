/**
 * The names Chinese places go by in news: 湖南省 is also 湖南, 广西壮族自治区 is 广西, 湘西土家族苗族自治州 is
 * 湘西, 醴陵市 is 醴陵; and their English forms: hand-kept names for provinces and for prefectures whose
 * English is not their pinyin (Hohhot, Kashgar, Xilingol League), Hanyu Pinyin for the rest, with the
 * apostrophe that separates syllables (Xi'an) and the usual suffixes (Tianyuan District, You County).
 */
import { pinyin } from 'pinyin-pro';
import type { ChinaDivision } from './china-divisions.js';

const provinceEnglish: Readonly<Record<string, string[]>> = {
  '11': ['Beijing'],
  '12': ['Tianjin'],
  '13': ['Hebei'],
  '14': ['Shanxi'],
  '15': ['Inner Mongolia', 'Nei Mongol'],
  '21': ['Liaoning'],
  '22': ['Jilin'],
  '23': ['Heilongjiang'],
  '31': ['Shanghai'],
  '32': ['Jiangsu'],
  '33': ['Zhejiang'],
  '34': ['Anhui'],
  '35': ['Fujian'],
  '36': ['Jiangxi'],
  '37': ['Shandong'],
  '41': ['Henan'],
  '42': ['Hubei'],
  '43': ['Hunan'],
  '44': ['Guangdong'],
  '45': ['Guangxi', 'Guangxi Zhuang Autonomous Region'],
  '46': ['Hainan'],
  '50': ['Chongqing'],
  '51': ['Sichuan'],
  '52': ['Guizhou'],
  '53': ['Yunnan'],
  '54': ['Tibet', 'Xizang'],
  '61': ['Shaanxi'],
  '62': ['Gansu'],
  '63': ['Qinghai'],
  '64': ['Ningxia'],
  '65': ['Xinjiang', 'Xinjiang Uygur Autonomous Region'],
  '71': ['Taiwan'],
  '81': ['Hong Kong', 'Hong Kong SAR'],
  '82': ['Macao', 'Macau', 'Macao SAR'],
};

/** Prefecture-level places whose usual English name is not plain pinyin of the short name. */
const cityEnglish: Readonly<Record<string, string[]>> = {
  '1501': ['Hohhot'],
  '1502': ['Baotou'],
  '1506': ['Ordos'],
  '1507': ['Hulunbuir'],
  '1508': ['Bayannur'],
  '1509': ['Ulanqab'],
  '1522': ['Hinggan League'],
  '1525': ['Xilingol League', 'Xilingol'],
  '1529': ['Alxa League'],
  '2301': ['Harbin'],
  '2224': ['Yanbian'],
  '5401': ['Lhasa'],
  '5402': ['Shigatse', 'Xigaze'],
  '6501': ['Urumqi'],
  '6502': ['Karamay'],
  '6504': ['Turpan'],
  '6505': ['Hami'],
  '6529': ['Aksu'],
  '6531': ['Kashgar', 'Kashi'],
  '6532': ['Hotan'],
  '6540': ['Ili', 'Yili'],
  '5328': ['Xishuangbanna'],
  '5331': ['Dehong'],
  '4331': ['Xiangxi'],
  '5134': ['Liangshan'],
  '6327': ['Yushu'],
};

/** Ethnic-group names that sit between a place name and 自治州/自治县/自治区 (湘西土家族苗族自治州). */
const ethnicGroups = [
  '土家族',
  '苗族',
  '彝族',
  '藏族',
  '回族',
  '壮族',
  '傣族',
  '景颇族',
  '傈僳族',
  '白族',
  '哈尼族',
  '布依族',
  '侗族',
  '朝鲜族',
  '羌族',
  '黎族',
  '瑶族',
  '畲族',
  '水族',
  '仡佬族',
  '纳西族',
  '拉祜族',
  '佤族',
  '怒族',
  '普米族',
  '独龙族',
  '蒙古族',
  '满族',
  '锡伯族',
  '达斡尔族',
  '鄂温克族',
  '鄂伦春族',
  '撒拉族',
  '土族',
  '东乡族',
  '保安族',
  '裕固族',
  '哈萨克族',
  '柯尔克孜族',
  '塔吉克族',
  '维吾尔',
  '哈萨克',
  '柯尔克孜',
  '蒙古',
  '各族',
  '仫佬族',
  '毛南族',
  '京族',
  '基诺族',
  '阿昌族',
  '德昂族',
  '布朗族',
];

const administrativeSuffixes = [
  '特别行政区',
  '自治区',
  '自治州',
  '自治县',
  '自治旗',
  '地区',
  '新区',
  '林区',
  '省',
  '市',
  '盟',
  '县',
  '区',
  '旗',
];

/** Short names that are also everyday words (大同小异, 长治久安, 四平八稳): these need their suffix. */
const shortNamesThatAreWords = new Set([
  '大同',
  '长治',
  '四平',
  '白银',
  '中山',
  '安康',
  '普洱',
  '白山',
  '黄山',
  '朝阳',
  '东方',
  '通化',
  '阳江',
  '和平',
  '永安',
  '长寿',
  '新华',
  '城区',
  '郊区',
  '矿区',
  '开发',
  '高新',
  '经济',
  '新城',
  '老城',
  '城关',
  '东区',
  '西区',
  '南区',
  '北区',
  '中区',
  '河东',
  '河西',
  '开平',
  '江南',
  '江北',
  '吉林',
  '海南',
  '台湾',
  '龙井',
  '当阳',
  '四会',
  '樟树',
  '灯塔',
  '新民',
  '临江',
  '磐石',
  '榆树',
  '五常',
  '江山',
  '临海',
  '龙泉',
  '天长',
  '石狮',
  '海城',
  '凤城',
  '大安',
  '赤壁',
  '北海',
  '黄石',
  '淮南',
  '合作',
  '安达',
]);

/** The name without its administrative suffix and ethnic groups, e.g. 广西壮族自治区 → 广西. */
export function stripChineseSuffix(name: string): string {
  let base = name;
  for (const suffix of administrativeSuffixes) {
    if (base.endsWith(suffix) && base.length > suffix.length) {
      base = base.slice(0, -suffix.length);
      break;
    }
  }
  let stripped = true;
  while (stripped) {
    stripped = false;
    for (const group of ethnicGroups) {
      if (base.endsWith(group) && base.length > group.length + 1) {
        base = base.slice(0, -group.length);
        stripped = true;
      }
    }
  }
  return base;
}

export interface ChineseNameForms {
  /** Names that identify the place on their own. */
  open: string[];
  /** Names accepted only when a containing place is also named (天元 for 天元区 next to 株洲). */
  needsContext: string[];
}

/** The Chinese names a division is written as. */
export function chineseNameForms(division: ChinaDivision): ChineseNameForms {
  const short = stripChineseSuffix(division.name);
  const hasShort = short !== division.name && short.length >= 2;
  switch (division.level) {
    case 'province':
      return { open: hasShort ? [division.name, short] : [division.name], needsContext: [] };
    case 'city':
      if (!hasShort) return { open: [division.name], needsContext: [] };
      return shortNamesThatAreWords.has(short)
        ? { open: [division.name], needsContext: [short] }
        : { open: [division.name, short], needsContext: [] };
    case 'district': {
      if (!hasShort) return { open: [division.name], needsContext: [] };
      const countyLevelCity = division.name.endsWith('市');
      return countyLevelCity && !shortNamesThatAreWords.has(short)
        ? { open: [division.name, short], needsContext: [] }
        : { open: [division.name], needsContext: [short] };
    }
    case 'street':
      return { open: [division.name], needsContext: [] };
  }
}

/** Hanyu Pinyin of `han` as English writes place names: capitalised, syllables joined, ü as u. */
export function pinyinSpellings(han: string): string[] {
  const syllables = pinyin(han, { toneType: 'none', type: 'array' }).map((s) =>
    s.replace(/ü/g, 'u').replace(/v/g, 'u'),
  );
  if (syllables.length === 0 || syllables.some((s) => !/^[a-z]+$/.test(s))) return [];
  const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
  const joined = capitalise(syllables.join(''));
  // A syllable starting with a vowel after another syllable is marked with an apostrophe (Xi'an, Lu'an).
  const withApostrophes = capitalise(
    syllables.map((s, i) => (i > 0 && /^[aeo]/.test(s) ? `'${s}` : s)).join(''),
  );
  return joined === withApostrophes ? [joined] : [withApostrophes, joined];
}

/** English suffixes by the Chinese administrative suffix they translate. */
const englishSuffixes: readonly [zh: string, en: string[]][] = [
  ['新区', ['New Area', 'New District']],
  ['街道', ['Subdistrict', 'Street']],
  ['区', ['District']],
  ['县', ['County']],
  ['旗', ['Banner']],
  ['镇', ['Town', 'Township']],
  ['乡', ['Township']],
];

export interface EnglishNameForms {
  open: string[];
  needsContext: string[];
  /** Bare pinyin (Zhuzhou, Liling): matched only capitalised, so `hami melon` is not 哈密. */
  capitalisedOnly: string[];
  /** Bare pinyin of a district (Shunde and Nanhai districts): capitalised, and only next to its city. */
  capitalisedNeedsContext: string[];
}

function nameForms(forms: Partial<EnglishNameForms>): EnglishNameForms {
  return { open: [], needsContext: [], capitalisedOnly: [], capitalisedNeedsContext: [], ...forms };
}

/** English names of a division: hand-kept ones where they exist, pinyin with an English suffix otherwise. */
export function englishNameForms(division: ChinaDivision): EnglishNameForms {
  if (division.level === 'province') return nameForms({ open: provinceEnglish[division.code] ?? [] });
  if (division.level === 'city') {
    const kept = cityEnglish[division.code];
    if (kept) return nameForms({ open: kept });
    const short = stripChineseSuffix(division.name);
    const spellings = pinyinSpellings(short);
    const withCity = spellings.map((s) => `${s} City`);
    return shortNamesThatAreWords.has(short) || short.length < 2
      ? nameForms({ open: withCity, needsContext: spellings })
      : nameForms({ open: withCity, capitalisedOnly: spellings });
  }
  // A county-level city also goes by its bare pinyin (Liling).
  if (division.level === 'district' && division.name.endsWith('市')) {
    const spellings = pinyinSpellings(division.name.slice(0, -1));
    return nameForms({ open: spellings.map((s) => `${s} City`), capitalisedOnly: spellings });
  }
  // Districts, counties and streets: pinyin plus the English suffix (Tianyuan District, Jianshe Subdistrict).
  const suffix = englishSuffixes.find(([zh]) => division.name.endsWith(zh));
  if (!suffix) return nameForms({});
  const [zhSuffix, enSuffixes] = suffix;
  const base =
    division.level === 'street'
      ? division.name.slice(0, -zhSuffix.length)
      : stripChineseSuffix(division.name);
  const spellings = pinyinSpellings(base);
  const named = spellings.flatMap((s) => enSuffixes.map((en) => `${s} ${en}`));
  if (division.level === 'street') return nameForms({ needsContext: named });
  // "Shunde and Nanhai districts": the bare name counts next to its city, if it is not a single syllable.
  return nameForms({ open: named, capitalisedNeedsContext: base.length >= 2 ? spellings : [] });
}
