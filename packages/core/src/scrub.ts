/**
 * Masks personal data in free text before it reaches a log: resident ID numbers (GB 11643), mainland
 * mobile numbers, e-mail addresses, passport-like numbers and the values PostgreSQL echoes in
 * constraint errors ("Key (x)=(value)"). Logs must never contain personal data (MISSION B3).
 */

const patterns: [RegExp, string][] = [
  [/\bKey \(([^)]*)\)=\([^)]*\)/g, 'Key ($1)=(…)'],
  [/(?<![0-9])\d{17}[0-9Xx](?![0-9])/g, '[id-number]'],
  [/(?<![0-9])(?:\+?86[- ]?)?1[3-9]\d{9}(?![0-9])/g, '[phone]'],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[email]'],
  [/\b[A-Z]{3}:[A-Z0-9]{6,12}\b/g, '[passport]'],
];

export function scrubPersonalData(text: string): string {
  let out = text;
  for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
  return out;
}
