/**
 * Area codes in lists read as names: a grid or community code shows its district and street
 * ("荷塘区 · 月塘街道"), a district its name. The district and street lists are fetched once per session.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';

/**
 * The district of a code is its first 6 digits; its street (township), for a street, community or grid code
 * (12 or 15 digits), is its first 9 digits followed by 000, as the 12-digit statistical codes are written.
 */
function ancestorCodes(code: string): string[] {
  const codes = [code.slice(0, 6)];
  if (code.length >= 12) codes.push(`${code.slice(0, 9)}000`);
  return codes;
}

export function useAreaLabel(): (code: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const areas = useQuery({
    queryKey: ['area-names'],
    staleTime: Infinity,
    queryFn: async () => {
      const [districts, streets] = await Promise.all([
        api.get('/api/v1/areas', { query: { level: 'district' } }),
        api.get('/api/v1/areas', { query: { level: 'street' } }),
      ]);
      return new Map([...districts.items, ...streets.items].map((a) => [a.code, a]));
    },
  });
  const english = i18n.language.startsWith('en');
  return (code) => {
    if (!code) return '—';
    const names = ancestorCodes(code)
      .map((ancestor) => areas.data?.get(ancestor))
      .filter((a) => a !== undefined)
      .map((a) => (english ? a.nameEn : a.name));
    return names.length > 0 ? names.join(' · ') : code;
  };
}
