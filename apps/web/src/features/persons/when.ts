/**
 * A record's time as the source gave it: an instant in the user's zone (Asia/Shanghai), but a date-only value
 * (a vaccination on `2021-08-20`) as that calendar date — read as an instant it would be UTC midnight, shown
 * as 08:00 of that day in Shanghai, a time nobody recorded.
 */
import { formatDateTime } from '../../components/format';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** FHIR partial dates: a year, or a year and month. */
const PARTIAL_DATE = /^\d{4}(-\d{2})?$/;

export function formatWhen(value: string | null | undefined, locale: string): string {
  if (!value) return '—';
  if (PARTIAL_DATE.test(value)) return value;
  const date = DATE_ONLY.exec(value);
  if (!date) return formatDateTime(value, locale);
  const [, year, month, day] = date;
  const midnight = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (Number.isNaN(midnight.getTime())) return value;
  // Formatted in UTC, where the date was placed, so no zone moves it to another day or adds an hour.
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(midnight);
}
