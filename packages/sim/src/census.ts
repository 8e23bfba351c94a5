/**
 * Population structure from China's Seventh National Population Census (2020): age distribution and
 * family-household sizes. The synthetic city reproduces these; the tests check that it does.
 */

/**
 * National resident population by five-year age group, 2020 census (China Population Census Yearbook
 * 2020, table "population by age and sex"), in persons; the last group is 85 and over. These sum to the
 * communiqué's broad groups (NBS Communiqué No. 5, 11 May 2021): 0–14 253.38 M, 60+ 264.02 M,
 * 65+ 190.64 M.
 */
export const nationalAgeGroups2020: readonly { from: number; to: number; persons: number }[] = [
  { from: 0, to: 4, persons: 77_881_411 },
  { from: 5, to: 9, persons: 90_248_367 },
  { from: 10, to: 14, persons: 85_256_359 },
  { from: 15, to: 19, persons: 72_682_843 },
  { from: 20, to: 24, persons: 74_941_549 },
  { from: 25, to: 29, persons: 91_847_918 },
  { from: 30, to: 34, persons: 124_144_112 },
  { from: 35, to: 39, persons: 99_013_240 },
  { from: 40, to: 44, persons: 93_168_567 },
  { from: 45, to: 49, persons: 114_224_284 },
  { from: 50, to: 54, persons: 122_158_302 },
  { from: 55, to: 59, persons: 101_402_254 },
  { from: 60, to: 64, persons: 73_379_474 },
  { from: 65, to: 69, persons: 74_005_311 },
  { from: 70, to: 74, persons: 49_590_218 },
  { from: 75, to: 79, persons: 30_856_700 },
  { from: 80, to: 84, persons: 20_376_080 },
  { from: 85, to: 100, persons: 15_806_000 },
];

/**
 * Hunan's broad age shares, 2020 census (Hunan Provincial Bureau of Statistics, 19 May 2021):
 * 0–14 19.52 %, 15–59 60.60 %, 60+ 19.88 % of which 65+ 14.81 %. The demo city uses Hunan's shares with
 * the national five-year shape inside each broad group.
 */
export const hunanBroadAgeShares2020 = {
  '0-14': 0.1952,
  '15-59': 0.606,
  '60-64': 0.1988 - 0.1481,
  '65+': 0.1481,
};

/** Sex ratio of the 2020 census: 105.07 men per 100 women (NBS Communiqué No. 4). */
export const maleShare2020 = 105.07 / 205.07;

/**
 * Family households by number of members, 2020 census (China Population Census Yearbook 2020). One-person
 * households were 25.39 % and the mean size 2.62 (NBS Communiqué No. 2); the distribution reproduces
 * that mean. Index 0 is one person; the last entry is 10 or more (counted as 10).
 */
export const householdSizeShares2020: readonly number[] = [
  0.2539, 0.2968, 0.2099, 0.1317, 0.0619, 0.0298, 0.0096, 0.0035, 0.0013, 0.0015,
];

function broadGroupOf(age: number): keyof typeof hunanBroadAgeShares2020 {
  if (age <= 14) return '0-14';
  if (age <= 59) return '15-59';
  if (age <= 64) return '60-64';
  return '65+';
}

/**
 * Share of the population at each single year of age 0–100: the national five-year groups spread evenly
 * (85+ tapering linearly to 100), each broad group rescaled to Hunan's share.
 */
export function singleYearAgeShares(): Float64Array {
  const shares = new Float64Array(101);
  for (const group of nationalAgeGroups2020) {
    if (group.from === 85) {
      const years = group.to - group.from + 1;
      const taper = Array.from({ length: years }, (_, i) => years - i);
      const total = taper.reduce((a, b) => a + b, 0);
      taper.forEach((w, i) => (shares[group.from + i] = (group.persons * w) / total));
    } else {
      for (let age = group.from; age <= group.to; age++)
        shares[age] = group.persons / (group.to - group.from + 1);
    }
  }
  const broadTotals: Record<string, number> = {};
  shares.forEach((s, age) => (broadTotals[broadGroupOf(age)] = (broadTotals[broadGroupOf(age)] ?? 0) + s));
  shares.forEach((s, age) => {
    const group = broadGroupOf(age);
    shares[age] = (s / broadTotals[group]!) * hunanBroadAgeShares2020[group];
  });
  return shares;
}
