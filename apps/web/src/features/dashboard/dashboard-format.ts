/** Number and name formatting shared by the early-warning pages: locale-aware, with a dash for "no value". */
export function formatNumber(value: number | null | undefined, locale: string, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(locale, {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(value);
}

/** A signed change (+3, −2, 0). */
export function formatChange(value: number, locale: string, digits = 0): string {
  const text = formatNumber(Math.abs(value), locale, digits);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

/** An area's name in the page language. */
export function areaName(area: { name: string; nameEn: string }, language: string): string {
  return language.startsWith('en') ? area.nameEn : area.name;
}
