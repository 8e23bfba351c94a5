/** Rt with its 95% interval, growth rate and doubling time for the area and each sub-area; Rt over time. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from './DashboardPage';
import { areaName, formatNumber } from './dashboard-format';
import { EChart, type ChartOption } from './EChart';
import { TableScroll } from '../../components/TableScroll';

type Estimate = Dashboard['rt']['area'];

export function RtPanel({ board, onDrill }: { board: Dashboard; onDrill: (code: string) => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { rt } = board;
  const series = rt.area.series;
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 36, right: 16, top: 16, bottom: 28 },
      xAxis: { type: 'category', data: series.map((w) => w.to.slice(5)) },
      yAxis: { type: 'value', min: 0 },
      series: [
        // The 95% interval as a band: the lower bound, then the width stacked on it.
        {
          type: 'line',
          data: series.map((w) => w.q025),
          stack: 'ci',
          lineStyle: { opacity: 0 },
          symbol: 'none',
        },
        {
          type: 'line',
          data: series.map((w) => w.q975 - w.q025),
          stack: 'ci',
          lineStyle: { opacity: 0 },
          areaStyle: { color: '#b6d0ee' },
          symbol: 'none',
        },
        {
          name: 'Rt',
          type: 'line',
          data: series.map((w) => w.mean),
          itemStyle: { color: '#0b5cad' },
          markLine: { silent: true, symbol: 'none', data: [{ yAxis: 1 }], lineStyle: { color: '#b3261e' } },
        },
      ],
    }),
    [series],
  );
  const rows: {
    code: string;
    name: string;
    estimate: Pick<Estimate, 'latest' | 'growth' | 'recent'>;
    drill: boolean;
  }[] = [
    { code: board.area.code, name: areaName(board.area, language), estimate: rt.area, drill: false },
    ...rt.children.map((c) => ({ code: c.code, name: areaName(c, language), estimate: c, drill: true })),
  ];
  const doubling = (g: Estimate['growth']) => {
    if (!g || g.doublingTime === null) return '—';
    const days = formatNumber(Math.abs(g.doublingTime), language, 1);
    return g.doublingTime < 0 ? t('dashboard.rt.halving', { days }) : t('dashboard.rt.days', { days });
  };
  return (
    <section className="panel board-panel" aria-labelledby="rt-heading">
      <h2 id="rt-heading">{t('dashboard.rt.heading')}</h2>
      <p className="muted">
        {t('dashboard.rt.explain', {
          mean: rt.serialInterval.mean,
          sd: rt.serialInterval.sd,
          source: rt.serialInterval.source,
        })}
      </p>
      {series.length > 1 && (
        <EChart
          option={option}
          height={200}
          label={t('dashboard.rt.label', { area: areaName(board.area, language) })}
        />
      )}
      <TableScroll labelledBy="rt-heading">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.rt.area')}</th>
              <th scope="col">{t('dashboard.rt.rt')}</th>
              <th scope="col">{t('dashboard.rt.growth')}</th>
              <th scope="col">{t('dashboard.rt.doubling')}</th>
              <th scope="col">{t('dashboard.rt.recent')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ code, name, estimate, drill }) => (
              <tr key={code}>
                <td>
                  {drill ? (
                    <button type="button" className="link-button" onClick={() => onDrill(code)}>
                      {name}
                    </button>
                  ) : (
                    <strong>{name}</strong>
                  )}
                </td>
                <td>
                  {estimate.latest
                    ? `${formatNumber(estimate.latest.mean, language, 2)} (${formatNumber(estimate.latest.q025, language, 2)}–${formatNumber(estimate.latest.q975, language, 2)})`
                    : t('dashboard.rt.tooFew')}
                </td>
                <td>{estimate.growth ? formatNumber(estimate.growth.rate, language, 3) : '—'}</td>
                <td>{doubling(estimate.growth)}</td>
                <td>{formatNumber(estimate.recent, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
