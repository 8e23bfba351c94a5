/**
 * Synthetic names for communities (社区) and villages (村): two characters drawn from words common in
 * Hunan place names, unique within their street. Real community names are not used on purpose, so the
 * demo never suggests that a real neighbourhood had an outbreak.
 */

const firstCharacters = [
  ...'东西南北新金银桂荷枫樟松竹梅兰湘建育文和平安康福兴华明光红青龙凤泉石山江塘岭花阳星云春长永盛泰瑞朝丰茶杉柏桃李杨柳双三高白黄田',
];
const secondCharacters = [...'湖园苑桥塘山岭坡坪湾洲港路门冲城庄里坊台亭林源溪泉江田头口岗铺垅埠'];

/** `count` distinct two-character names, deterministic for a given random source. */
export function syntheticPlaceNames(count: number, random: () => number): string[] {
  const names = new Set<string>();
  while (names.size < count) {
    const first = firstCharacters[Math.floor(random() * firstCharacters.length)]!;
    const second = secondCharacters[Math.floor(random() * secondCharacters.length)]!;
    if (first !== second) names.add(first + second);
  }
  return [...names];
}
