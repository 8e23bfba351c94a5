/**
 * Indicators: pick an area (the city, a district, a street — within your scope), an indicator and a date
 * range; see its daily series as a chart and a table, and its totals in each sub-area.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ResponseOf } from '../../api/client';
import { useSession } from '../../app/session';
import { areaName, formatNumber } from '../dashboard/dashboard-format';
import { EChart, type ChartOption } from '../dashboard/EChart';
import '../dashboard/dashboard.css';
import { TableScroll } from '../../components/TableScroll';

type Series = ResponseOf<'/api/v1/indicators/series'>;
type IndicatorCode = Series['indicator'];

/** Today in China Standard Time (the city's calendar), as YYYY-MM-DD. */
function cityToday(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

export function IndicatorsPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const language = i18n.language;
  const scope = session?.user.areaCode ?? null;
  const cityWide = scope === null || scope.length <= 4;
  const [district, setDistrict] = useState(cityWide ? '' : (scope ?? ''));
  const [street, setStreet] = useState('');
  const [indicator, setIndicator] = useState<IndicatorCode>('fever_clinic_visits');
  const today = cityToday();
  const [from, setFrom] = useState(daysBefore(today, 41));
  const [to, setTo] = useState(today);
  const area = street || district || '4302';
  const validRange = from <= to;

  const catalogue = useQuery({
    queryKey: ['indicator-catalogue'],
    queryFn: () => api.get('/api/v1/indicators'),
  });
  const districts = useQuery({
    queryKey: ['areas', 'district'],
    queryFn: () => api.get('/api/v1/areas', { query: { level: 'district' } }),
  });
  const streets = useQuery({
    queryKey: ['areas', 'street', district],
    enabled: district !== '',
    queryFn: () => api.get('/api/v1/areas', { query: { parent: district } }),
  });
  const query = { area, indicator, from, to };
  const series = useQuery({
    queryKey: ['indicator-series', query],
    enabled: validRange,
    queryFn: () => api.get('/api/v1/indicators/series', { query }),
  });
  const breakdown = useQuery({
    queryKey: ['indicator-breakdown', query],
    enabled: validRange && street === '',
    queryFn: () => api.get('/api/v1/indicators/breakdown', { query }),
  });
  const ratio = indicator === 'test_positivity';
  const points = series.data?.points;
  const option = useMemo<ChartOption | null>(
    () =>
      points
        ? {
            tooltip: { trigger: 'axis' },
            grid: { left: 44, right: 16, top: 16, bottom: 28 },
            xAxis: { type: 'category', data: points.map((p) => p.date.slice(5)) },
            yAxis: { type: 'value', minInterval: ratio ? 0 : 1 },
            series: [
              {
                name: t(`indicators.names.${indicator}`),
                type: ratio ? 'line' : 'bar',
                data: points.map((p) => p.value),
                itemStyle: { color: '#0b5cad' },
              },
            ],
          }
        : null,
    [points, ratio, indicator, t],
  );
  const areaLabel = series.data ? areaName(series.data.area, language) : area;

  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('indicators.title')}</h1>
      <p className="lead">{t('indicators.intro')}</p>
      <div className="datatable-toolbar">
        <label className="inline-field">
          <span>{t('indicators.filters.district')}</span>
          <select
            aria-label={t('indicators.filters.district')}
            value={district}
            onChange={(e) => {
              setDistrict(e.target.value);
              setStreet('');
            }}
          >
            {cityWide && <option value="">{t('indicators.filters.wholeCity')}</option>}
            {districts.data?.items.map((d) => (
              <option key={d.code} value={d.code}>
                {areaName(d, language)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>{t('indicators.filters.street')}</span>
          <select
            aria-label={t('indicators.filters.street')}
            value={street}
            disabled={district === ''}
            onChange={(e) => setStreet(e.target.value)}
          >
            <option value="">{t('indicators.filters.wholeDistrict')}</option>
            {streets.data?.items.map((s) => (
              <option key={s.code} value={s.code}>
                {areaName(s, language)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>{t('indicators.filters.indicator')}</span>
          <select
            aria-label={t('indicators.filters.indicator')}
            value={indicator}
            onChange={(e) => setIndicator(e.target.value as IndicatorCode)}
          >
            {catalogue.data?.items.map((i) => (
              <option key={i.code} value={i.code}>
                {t(`indicators.names.${i.code}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>{t('indicators.filters.from')}</span>
          <input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="inline-field">
          <span>{t('indicators.filters.to')}</span>
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      {!validRange && (
        <p role="alert" className="notice notice-error">
          {t('indicators.dateOrder')}
        </p>
      )}
      {series.isError && (
        <p role="alert" className="notice notice-error">
          {(series.error as Error).message}
        </p>
      )}
      {option && points && (
        <div className="dashboard-grid board-section">
          <section className="panel board-panel" aria-labelledby="series-heading">
            <h2 id="series-heading">
              {areaLabel} · {t(`indicators.names.${indicator}`)}
            </h2>
            <EChart
              option={option}
              label={t('indicators.chartLabel', {
                indicator: t(`indicators.names.${indicator}`),
                area: areaLabel,
                from,
                to,
              })}
            />
            <details className="data-table">
              <summary>{t('indicators.seriesTable')}</summary>
              <TableScroll labelledBy="series-heading">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('indicators.columns.date')}</th>
                      <th scope="col">{t('indicators.columns.value')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {points.map((p) => (
                      <tr key={p.date}>
                        <td>{p.date}</td>
                        <td>
                          {p.value === null
                            ? t('indicators.notReported')
                            : formatNumber(p.value, language, ratio ? 2 : 0)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </details>
          </section>
          <section className="panel board-panel" aria-labelledby="breakdown-heading">
            <h2 id="breakdown-heading">{t('indicators.breakdown')}</h2>
            {street !== '' || breakdown.data?.items.length === 0 ? (
              <p className="muted">{t('indicators.noSubAreas')}</p>
            ) : (
              <TableScroll labelledBy="breakdown-heading">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('indicators.columns.area')}</th>
                      <th scope="col">{t('indicators.columns.total')}</th>
                      <th scope="col">{t('indicators.columns.last')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {breakdown.data?.items.map((row) => (
                      <tr key={row.code}>
                        <td>{areaName(row, language)}</td>
                        <td>{formatNumber(row.total, language, ratio ? 2 : 0)}</td>
                        <td>{formatNumber(row.last, language, ratio ? 2 : 0)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
          </section>
        </div>
      )}
    </section>
  );
}
