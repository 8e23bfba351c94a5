/**
 * The places of a trace or cluster on the map of the city's districts (the platform's GeoJSON): venues at
 * their position from the venue list, sized by how many people they concern; the highlighted place stands
 * out. The same places are listed in a table beside it for keyboard and screen-reader users.
 */
import { useQuery } from '@tanstack/react-query';
import { GeoComponent } from 'echarts/components';
import { ScatterChart } from 'echarts/charts';
import * as echarts from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { EChart, registerGeoJson, type ChartOption } from '../dashboard/EChart';

echarts.use([GeoComponent, ScatterChart]);

export interface MapPlace {
  placeId: string;
  name: string | null;
  lat: number | null;
  lon: number | null;
  /** People (or cases) the place concerns. */
  count: number;
}

const MAP_NAME = 'shuzhi-tracing-districts';

export function PlaceMap({
  places,
  highlight,
  label,
}: {
  places: readonly MapPlace[];
  highlight?: string | null;
  label: string;
}) {
  const { t } = useTranslation();
  const geo = useQuery({
    queryKey: ['geojson', 'district', 'tracing'],
    staleTime: Infinity,
    queryFn: async () => {
      const collection = (await api.get('/api/v1/areas/geojson', {
        query: { level: 'district' },
      })) as unknown as object;
      registerGeoJson(MAP_NAME, collection);
      return MAP_NAME;
    },
  });
  const located = places.filter((p) => p.lat !== null && p.lon !== null);
  const option = useMemo<ChartOption | null>(() => {
    if (!geo.data) return null;
    const max = Math.max(1, ...located.map((p) => p.count));
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; value: number[] }) => `${p.name}: ${p.value[2] ?? ''}`,
      },
      geo: { map: geo.data, roam: true, itemStyle: { areaColor: '#eef2f6', borderColor: '#9aa5b1' } },
      series: [
        {
          type: 'scatter',
          coordinateSystem: 'geo',
          data: located.map((p) => ({
            name: p.name ?? p.placeId,
            value: [p.lon, p.lat, p.count],
            itemStyle: { color: p.placeId === highlight ? '#1b7f3b' : '#b3261e' },
          })),
          symbolSize: (value: number[]) => 6 + 18 * Math.sqrt((value[2] ?? 0) / max),
        },
      ],
    };
  }, [geo.data, located, highlight]);
  if (located.length === 0) return <p className="muted">{t('tracing.cases.noPositions')}</p>;
  return option ? (
    <EChart option={option} label={label} height={360} />
  ) : (
    <p className="loading">{t('tracing.common.loading')}</p>
  );
}
