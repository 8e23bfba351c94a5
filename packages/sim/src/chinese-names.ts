/**
 * Plausible Chinese personal names: a surname drawn by frequency and a one- or two-character given name
 * whose characters follow the naming fashion of the person's birth cohort and sex. Also the homophones
 * (同音字) that clerks type by mistake, used to make dirty registrations.
 */
import { cumulativeWeights, type Random } from './random.js';

/**
 * The most common surnames with approximate shares of the population in per mille (rounded figures of
 * the national surname surveys, e.g. the Ministry of Public Security's 2020 name report ranks 王 李 张 刘
 * 陈 first). Shares are approximate; only the ranking shape matters for synthetic data.
 */
const surnameShares: readonly [string, number][] = [
  ['王', 73],
  ['李', 72],
  ['张', 69],
  ['刘', 54],
  ['陈', 45],
  ['杨', 31],
  ['黄', 23],
  ['赵', 22],
  ['吴', 21],
  ['周', 21],
  ['徐', 17],
  ['孙', 15],
  ['马', 15],
  ['朱', 14],
  ['胡', 13],
  ['郭', 12],
  ['何', 12],
  ['林', 11],
  ['罗', 11],
  ['高', 11],
  ['郑', 10],
  ['梁', 9],
  ['谢', 8],
  ['宋', 8],
  ['唐', 8],
  ['许', 7],
  ['邓', 7],
  ['韩', 7],
  ['冯', 7],
  ['曹', 7],
  ['彭', 7],
  ['曾', 6],
  ['肖', 6],
  ['田', 6],
  ['董', 6],
  ['潘', 5],
  ['袁', 5],
  ['蔡', 5],
  ['蒋', 5],
  ['余', 5],
  ['于', 5],
  ['杜', 5],
  ['叶', 5],
  ['程', 4],
  ['魏', 4],
  ['苏', 4],
  ['吕', 4],
  ['丁', 4],
  ['任', 4],
  ['卢', 4],
  ['姚', 4],
  ['沈', 4],
  ['钟', 4],
  ['姜', 4],
  ['崔', 4],
  ['谭', 4],
  ['陆', 3],
  ['范', 3],
  ['汪', 3],
  ['廖', 3],
  ['石', 3],
  ['金', 3],
  ['贾', 3],
  ['夏', 3],
  ['韦', 3],
  ['方', 3],
  ['邹', 3],
  ['熊', 3],
  ['白', 3],
  ['孟', 3],
  ['秦', 3],
  ['邱', 3],
  ['侯', 3],
  ['江', 3],
  ['尹', 3],
  ['薛', 2],
  ['闫', 2],
  ['段', 2],
  ['雷', 2],
  ['龙', 2],
  ['黎', 2],
  ['史', 2],
  ['陶', 2],
  ['贺', 2],
  ['毛', 2],
  ['郝', 2],
  ['顾', 2],
  ['龚', 2],
  ['邵', 2],
  ['万', 2],
  ['覃', 2],
  ['武', 2],
  ['钱', 2],
  ['戴', 2],
  ['严', 2],
  ['欧阳', 1],
];
const surnames = surnameShares.map(([s]) => s);
const surnameCumulative = cumulativeWeights(surnameShares.map(([, w]) => w));

/** Given-name characters by birth cohort and sex: 秀英 and 建国 for the old, 子轩 and 梓涵 for the young. */
const givenCharacters = {
  older: {
    male: [...'建国华明军平志伟文德福生林庆祥荣春山海忠强永贵金宝成兴发'],
    female: [...'秀英兰桂芳珍凤玉梅华琴翠娥莲淑桃菊花云素凤香'],
  },
  middle: {
    male: [...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波浩凯健俊峰亮斌洪彬东宁'],
    female: [...'芳娜敏静丽艳娟霞燕玲婷红梅琳雪慧颖倩洁琴云莉萍丹晶'],
  },
  younger: {
    male: [...'子轩浩宇睿泽俊熙博文昊然天翔宸一鑫辰航奕铭皓思晨'],
    female: [...'梓涵欣怡佳雨诗涵萱可馨思悦紫一依彤语若晨嘉月'],
  },
} as const;

type Cohort = keyof typeof givenCharacters;

function cohortOf(birthYear: number): Cohort {
  if (birthYear < 1965) return 'older';
  if (birthYear < 1995) return 'middle';
  return 'younger';
}

export function randomSurname(random: Random): string {
  return surnames[random.weightedIndex(surnameCumulative)]!;
}

/** A given name: two characters four times in five, otherwise one. */
export function randomGivenName(random: Random, sex: 'male' | 'female', birthYear: number): string {
  const pool = givenCharacters[cohortOf(birthYear)][sex];
  const first = random.pick(pool);
  if (random.chance(0.2)) return first;
  let second = random.pick(pool);
  if (second === first && random.chance(0.7)) second = random.pick(pool);
  return first + second;
}

/** Groups of characters read alike (same syllable, tone aside) that are easily typed for one another. */
const homophoneGroups: readonly string[] = [
  '明名铭鸣',
  '华桦骅',
  '伟玮炜纬',
  '军君钧',
  '丽莉俐立',
  '静婧靖晶菁',
  '红宏鸿虹洪',
  '平萍苹坪',
  '英瑛莹',
  '芳方舫',
  '敏闽珉',
  '杰洁婕',
  '涛滔韬',
  '磊蕾',
  '燕艳彦',
  '娟鹃涓',
  '霞侠',
  '峰锋丰枫',
  '刚钢',
  '辉晖徽',
  '斌彬滨',
  '玲琳灵凌铃',
  '梅玫媚',
  '琴勤芹',
  '云芸耘',
  '婷庭亭',
  '颖影',
  '欣馨新',
  '怡宜仪',
  '佳嘉家',
  '宇雨语羽',
  '浩昊皓',
  '涵晗含寒',
  '轩萱宣',
  '思斯丝',
  '晨辰臣',
  '博波柏',
  '文雯闻',
  '俊骏峻',
  '鹏朋',
  '凯恺',
  '健建剑',
  '亮良',
  '东冬',
  '宁凝',
  '张章',
  '王汪',
  '李黎',
  '刘柳',
  '杨阳',
  '黄皇',
  '徐许',
  '胡扈',
  '程成承',
  '肖萧',
  '曾增',
  '林琳',
  '贵桂',
  '秀绣',
  '兰岚蓝',
  '珍真贞',
  '玉钰',
  '莲连',
  '菊桔',
  '香湘',
];
const homophoneOf = new Map<string, string>();
for (const group of homophoneGroups) for (const ch of group) homophoneOf.set(ch, group);

/** Replaces one character that has a homophone with one of its homophones; unchanged when none has. */
export function homophoneTypo(name: string, random: Random): string {
  const chars = [...name];
  const candidates = chars.map((c, i) => [c, i] as const).filter(([c]) => homophoneOf.has(c));
  if (candidates.length === 0) return name;
  const [ch, index] = random.pick(candidates);
  const alternatives = [...homophoneOf.get(ch)!].filter((c) => c !== ch);
  chars[index] = random.pick(alternatives);
  return chars.join('');
}
