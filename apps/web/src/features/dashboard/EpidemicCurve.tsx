/** The epidemic curve of the last six weeks: confirmed cases by report and by onset date, asymptomatic infections. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from './DashboardPage';
import { areaName } from './dashboard-format';
import { EChart, type ChartOption } from './EChart';
import { TableScroll } from '../../components/TableScroll';

export function EpidemicCurve({ board }: { board: Dashboard }) {
  const { t, i18n } = useTranslation();
  const curve = board.epicurve;
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: curve.dates.map((d) => d.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('dashboard.curve.byReport'),
          type: 'bar',
          data: curve.byReport,
          itemStyle: { color: '#b3261e' },
        },
        {
          name: t('dashboard.curve.asymptomatic'),
          type: 'bar',
          data: curve.asymptomatic,
          itemStyle: { color: '#f4a24a' },
        },
        {
          name: t('dashboard.curve.byOnset'),
          type: 'line',
          data: curve.byOnset,
          smooth: false,
          symbolSize: 5,
          itemStyle: { color: '#0a2f57' },
        },
      ],
    }),
    [curve, t],
  );
  return (
    <section className="panel board-panel" aria-labelledby="curve-heading">
      <h2 id="curve-heading">{t('dashboard.curve.heading')}</h2>
      <EChart
        option={option}
        label={t('dashboard.curve.label', { area: areaName(board.area, i18n.language) })}
      />
      <details className="data-table">
        <summary>{t('dashboard.curve.table')}</summary>
        <TableScroll labelledBy="curve-heading">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.curve.date')}</th>
                <th scope="col">{t('dashboard.curve.byReport')}</th>
                <th scope="col">{t('dashboard.curve.byOnset')}</th>
                <th scope="col">{t('dashboard.curve.asymptomatic')}</th>
              </tr>
            </thead>
            <tbody>
              {curve.dates.map((date, i) => (
                <tr key={date}>
                  <td>{date}</td>
                  <td>{curve.byReport[i]}</td>
                  <td>{curve.byOnset[i]}</td>
                  <td>{curve.asymptomatic[i]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
    </section>
  );
}
