/** How late a source's records arrive, written for a person to read (the data-sources page). */

/**
 * A delay in the unit a person reads at a glance: minutes up to two hours, hours up to two days, then days
 * (a registry back-filling old vaccinations is years late: 2,790,327 minutes says nothing).
 */
export function formatDelay(
  minutes: number | null,
  t: (key: string, options?: Record<string, unknown>) => string,
  language: string,
): string {
  if (minutes === null) return '—';
  const number = (n: number) => n.toLocaleString(language, { maximumFractionDigits: 1 });
  if (Math.abs(minutes) < 120) return t('hub.sources.minutes', { n: number(minutes) });
  if (Math.abs(minutes) < 48 * 60) return t('hub.sources.hours', { n: number(minutes / 60) });
  return t('hub.sources.days', { n: number(minutes / 1440) });
}
