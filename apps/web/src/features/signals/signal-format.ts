/** Display helpers of the signals page: names in the interface language, dates as the source gave them. */
import { formatDateTime } from '../../components/format';

interface Named {
  nameZh: string;
  nameEn: string;
}

export const isChinese = (language: string): boolean => language.startsWith('zh');

/** A disease or place name in the interface language. */
export function nameOf(named: Named | null | undefined, language: string): string | null {
  if (!named) return null;
  return isChinese(language) ? named.nameZh : named.nameEn;
}

/** A publication time: a calendar date stays a date; an instant is shown in the display zone. */
export function formatPublished(value: string | null, language: string): string {
  if (!value) return '—';
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : formatDateTime(value, language);
}

export const statusTagClass: Record<string, string> = {
  new: 'tag tag-signal-new',
  investigating: 'tag tag-signal-investigating',
  confirmed: 'tag tag-signal-confirmed',
  dismissed: 'tag tag-signal-dismissed',
  merged: 'tag tag-signal-merged',
};
