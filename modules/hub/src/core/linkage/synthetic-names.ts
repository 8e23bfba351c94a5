/**
 * Name material for synthetic people: common Chinese surnames with approximate population shares, common
 * given-name characters with homophones, and foreign names. Shares follow the order of the Ministry of
 * Public Security's 2020 surname ranking (王, 李, 张 about 7% each), tapering Zipf-like below the top ten.
 */

/** Surnames in ranking order; compound surnames at the end. */
export const surnames = (
  '王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 林 罗 高 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 董 潘 袁 蔡 ' +
  '蒋 余 于 杜 叶 程 魏 苏 吕 丁 任 卢 姚 沈 钟 姜 崔 谭 陆 范 汪 廖 石 金 韦 贾 夏 付 方 邹 熊 白 孟 秦 邱 侯 江 尹 ' +
  '薛 闫 段 雷 龙 黎 史 陶 贺 毛 郝 顾 龚 邵 万 覃 武 钱 戴 严 莫 孔 向 常 汤 欧阳 司马 上官 诸葛'
).split(' ');

/** Approximate share of the population per surname, by rank (percent for the top ten, then Zipf-like). */
export const surnameWeights = surnames.map((_, rank) => {
  const topTen = [7.1, 7.0, 6.4, 5.4, 4.6, 3.1, 2.5, 2.0, 2.0, 1.9];
  return rank < topTen.length ? topTen[rank]! : 1.9 * Math.pow(10 / (rank + 1), 0.9);
});

/** Characters common in given names. */
export const givenNameCharacters = Array.from(
  new Set(
    (
      '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉飞鑫波宇浩凯健俊帆帅旭宁龙林欣佳雪琳晨婷倩颖露瑶怡' +
      '文斌斯博子涵梓轩思雨诗琪嘉一诺晓小志建国海云春梅兵永庆东新金德立成荣丹晶亮慧莉燕玲秋菊凤珍淑琴芬中天家振福耀安' +
      '胜祥瑞鸿宏峰亚雅馨悦彤可璐昊然睿泽皓铭锦程航阳奕辰逸毅宸桐萱妍若曦子墨宁远清和光乐正心'
    ).split(''),
  ),
);

/** Characters that sound like common given-name characters (for homophone slips); not drawn as names. */
export const homophoneCharacters =
  '玮炜威薇维方婧敬莉力立利俐铭鸣桦骅凌铃亭庭莹影洁捷婕馨心琛羽语予韬焘遥尧宣含晗寒丝琦淇奇齐'.split('');

/** Surname homophones seen in registration slips (章 for 张, 汪 for 王…). */
export const surnameHomophones: Record<string, string[]> = {
  张: ['章'],
  王: ['汪'],
  李: ['黎', '理'],
  刘: ['柳'],
  陈: ['晨', '沉'],
  杨: ['阳', '扬'],
  黄: ['皇'],
  吴: ['武', '伍'],
  徐: ['许'],
  许: ['徐'],
  朱: ['祝'],
  何: ['贺'],
  唐: ['汤'],
  肖: ['萧'],
  蒋: ['姜'],
  余: ['于', '俞'],
  于: ['余', '俞'],
};

export const foreignGivenNames = (
  'James Mary John Anna Maria David Peter Emma Olga Ivan Ahmed Fatima Hiroshi Yuki Minjun Seoyeon Lan Minh Carlos Lucia ' +
  'Thomas Sarah Michael Laura Daniel Sofia Alexander Elena Mohammed Aisha Kenji Sakura Jisoo Arjun Priya'
).split(' ');

export const foreignFamilyNames = (
  'Smith Johnson Brown Mueller Schmidt Ivanov Petrova Kim Lee Park Tanaka Sato Nguyen Tran Garcia Silva Khan Patel ' +
  'Rossi Dubois Novak Kowalski Hansen Jensen Suzuki Choi Santos Lopez Wilson Taylor'
).split(' ');

export const foreignCountries = [
  'USA',
  'GBR',
  'DEU',
  'RUS',
  'KOR',
  'JPN',
  'VNM',
  'ESP',
  'BRA',
  'PAK',
  'IND',
  'FRA',
  'ITA',
];
