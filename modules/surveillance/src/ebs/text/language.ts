/**
 * Language of a news item from its script: the share of Han characters among letters. Chinese news
 * routinely carries Latin tokens (COVID-19, H5N1, XBB), so the threshold is well below one half.
 */
import type { NewsLanguage } from '../types.js';
import { isHan } from './normalize.js';

/** Share of Han characters among letters at or above which a text is read as Chinese. */
export const CHINESE_SHARE_THRESHOLD = 0.3;

/** The share of Han characters among all letters (Han or Latin) in `text`; 0 when it has none. */
export function hanShare(text: string): number {
  let han = 0;
  let latin = 0;
  for (const char of text) {
    if (isHan(char)) han += 1;
    else if (/[A-Za-z\u00c0-\u024f]/.test(char)) latin += 1;
  }
  return han + latin === 0 ? 0 : han / (han + latin);
}

/** `zh` when enough of the letters are Han characters, otherwise `en`. */
export function detectLanguage(text: string): NewsLanguage {
  return hanShare(text) >= CHINESE_SHARE_THRESHOLD ? 'zh' : 'en';
}
