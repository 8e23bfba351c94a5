/**
 * The map of an area's sub-areas (districts of the city, streets of a district), coloured by their highest
 * open alert level or by incidence over the last week, from the platform's GeoJSON. Clicking an area (or
 * its row in the table below, which carries the same numbers for keyboard and screen-reader users) drills
 * down into it.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Dashboard } from './DashboardPage';
import { areaName, formatNumber } from './dashboard-format';
import { EChart, registerGeoJson, type ChartOption } from './EChart';
import { alertLevels, levelColour, levelTagClass, type AlertLevel } from './levels';
import { TableScroll } from '../../components/TableScroll';

type Colouring = 'alert' | 'incidence';

export function AreaMap({ board, onDrill }: { board: Dashboard; onDrill: (code: string) => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [by, setBy] = useState<Colouring>('alert');
  const level = board.map.level;
  const mapName = `shuzhi-${level ?? 'none'}-${board.area.code}`;
  const geo = useQuery({
    queryKey: ['geojson', level, board.area.code],
    enabled: level !== null,
    staleTime: Infinity,
    queryFn: async () => {
      const query =
        level === 'district'
          ? { level: 'district' as const }
          : { level: 'street' as const, within: board.area.code };
      const collection = (await api.get('/api/v1/areas/geojson', { query })) as unknown as object;
      registerGeoJson(mapName, collection);
      return mapName;
    },
  });
  const areas = board.map.areas;
  const nameOf = useMemo(() => new Map(areas.map((a) => [a.code, areaName(a, language)])), [areas, language]);
  const option = useMemo<ChartOption | null>(() => {
    if (!geo.data) return null;
    const maxIncidence = Math.max(1, ...areas.map((a) => a.incidence7 ?? 0));
    const visualMap =
      by === 'alert'
        ? {
            type: 'piecewise',
            dimension: 0,
            pieces: [
              { value: -1, color: '#e4e9f0', label: t('dashboard.map.legendNone') },
              ...alertLevels.map((l, i) => ({
                value: i,
                color: levelColour[l],
                label: t(`dashboard.levels.${l}`),
              })),
            ],
            left: 0,
            bottom: 0,
          }
        : {
            type: 'continuous',
            min: 0,
            max: maxIncidence,
            inRange: { color: ['#fdf1e7', '#b3261e'] },
            left: 0,
            bottom: 0,
            calculable: false,
          };
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; value: number }) =>
          `${nameOf.get(p.name) ?? p.name}: ${
            by === 'alert'
              ? p.value >= 0
                ? t(`dashboard.levels.${alertLevels[p.value]!}`)
                : t('dashboard.map.noAlert')
              : formatNumber(p.value, language, 1)
          }`,
      },
      visualMap,
      series: [
        {
          type: 'map',
          map: geo.data,
          nameProperty: 'code',
          roam: false,
          label: { show: true, formatter: (p: { name: string }) => nameOf.get(p.name) ?? '', fontSize: 11 },
          emphasis: { label: { show: true } },
          data: areas.map((a) => ({
            name: a.code,
            value:
              by === 'alert'
                ? a.alertLevel
                  ? alertLevels.indexOf(a.alertLevel as AlertLevel)
                  : -1
                : (a.incidence7 ?? 0),
          })),
        },
      ],
    };
  }, [geo.data, areas, by, nameOf, language, t]);

  return (
    <section className="panel board-panel" aria-labelledby="map-heading">
      <h2 id="map-heading">{t('dashboard.map.heading')}</h2>
      {level === null ? (
        <p className="muted">{t('dashboard.map.noChildren')}</p>
      ) : (
        <>
          <div className="segmented" role="group" aria-label={t('dashboard.map.colourBy')}>
            {(['alert', 'incidence'] as const).map((option) => (
              <button
                key={option}
                type="button"
                className="button"
                aria-pressed={by === option}
                onClick={() => setBy(option)}
              >
                {option === 'alert' ? t('dashboard.map.byAlert') : t('dashboard.map.byIncidence')}
              </button>
            ))}
          </div>
          {option && (
            <EChart
              option={option}
              height={420}
              onItemClick={onDrill}
              label={t('dashboard.map.label', {
                area: areaName(board.area, language),
                level: t(`dashboard.map.levels.${level}`),
                by: by === 'alert' ? t('dashboard.map.byAlert') : t('dashboard.map.byIncidence'),
              })}
            />
          )}
          <TableScroll labelledBy="map-heading">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.map.area')}</th>
                  <th scope="col">{t('dashboard.map.alertLevel')}</th>
                  <th scope="col">{t('dashboard.map.openAlerts')}</th>
                  <th scope="col">{t('dashboard.map.cases7')}</th>
                  <th scope="col">{t('dashboard.map.incidence')}</th>
                </tr>
              </thead>
              <tbody>
                {areas.map((a) => (
                  <tr key={a.code}>
                    <td>
                      <button type="button" className="link-button" onClick={() => onDrill(a.code)}>
                        {areaName(a, language)}
                        <span className="visually-hidden">
                          {' '}
                          — {t('dashboard.map.drill', { area: areaName(a, language) })}
                        </span>
                      </button>
                    </td>
                    <td>
                      {a.alertLevel ? (
                        <span className={levelTagClass(a.alertLevel as AlertLevel)}>
                          {t(`dashboard.levels.${a.alertLevel}`)}
                        </span>
                      ) : (
                        t('dashboard.map.noAlert')
                      )}
                    </td>
                    <td>{a.openAlerts}</td>
                    <td>{formatNumber(a.cases7, language)}</td>
                    <td>{formatNumber(a.incidence7, language, 2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </section>
  );
}
