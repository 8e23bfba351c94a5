/** The command centre's lists: open alerts (highest level first), open news signals, data freshness by source. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../components/format';
import type { Dashboard } from './DashboardPage';
import { areaName } from './dashboard-format';
import { levelTagClass, type AlertLevel } from './levels';
import { TableScroll } from '../../components/TableScroll';

export function OpenAlerts({ board }: { board: Dashboard }) {
  const { t, i18n } = useTranslation();
  const { open, byLevel } = board.alerts;
  return (
    <section className="panel board-panel" aria-labelledby="open-alerts-heading">
      <h2 id="open-alerts-heading">{t('dashboard.alerts.heading')}</h2>
      <p className="muted">{t('dashboard.alerts.byLevel', byLevel)}</p>
      {open.length === 0 ? (
        <p>{t('dashboard.alerts.none')}</p>
      ) : (
        <ul className="compact-list">
          {open.map((alert) => (
            <li key={alert.id}>
              <span className={levelTagClass(alert.level as AlertLevel)}>
                {t(`dashboard.levels.${alert.level}`)}
              </span>{' '}
              <Link to={`/warning/alerts?alert=${encodeURIComponent(alert.id)}`}>
                {areaName(alert.area, i18n.language)} · {t(`indicators.names.${alert.indicator}`)}
              </Link>{' '}
              <span className="muted">
                {t(`alerts.statuses.${alert.status}`)} ·{' '}
                {t('dashboard.alerts.since', { date: alert.firstAlarmDate, days: alert.alarmDays })}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/warning/alerts">{t('dashboard.alerts.all')}</Link>
      </p>
    </section>
  );
}

export function OpenSignals({ board }: { board: Dashboard }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  return (
    <section className="panel board-panel" aria-labelledby="open-signals-heading">
      <h2 id="open-signals-heading">{t('dashboard.signals.heading')}</h2>
      {board.signals === null ? (
        <p>{t('dashboard.signals.unavailable')}</p>
      ) : board.signals.length === 0 ? (
        <p>{t('dashboard.signals.none')}</p>
      ) : (
        <ul className="compact-list">
          {board.signals.map((signal) => (
            <li key={signal.id}>
              <Link to="/warning/signals">{signal.headline}</Link>{' '}
              <span className="muted">
                {[
                  signal.disease ? (english ? signal.disease.nameEn : signal.disease.nameZh) : null,
                  signal.place ? (english ? signal.place.nameEn : signal.place.nameZh) : null,
                  signal.lastSeen,
                  t('dashboard.signals.items', { count: signal.itemCount }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </li>
          ))}
        </ul>
      )}
      {board.signals !== null && (
        <p>
          <Link to="/warning/signals">{t('dashboard.signals.all')}</Link>
        </p>
      )}
    </section>
  );
}

export function SourceFreshness({ board }: { board: Dashboard }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="panel board-panel" aria-labelledby="freshness-heading">
      <h2 id="freshness-heading">{t('dashboard.freshness.heading')}</h2>
      {board.freshness.length === 0 ? (
        <p>{t('dashboard.freshness.none')}</p>
      ) : (
        <TableScroll labelledBy="freshness-heading">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.freshness.source')}</th>
                <th scope="col">{t('dashboard.freshness.last')}</th>
                <th scope="col">{t('dashboard.freshness.status')}</th>
              </tr>
            </thead>
            <tbody>
              {board.freshness.map((source) => (
                <tr key={source.sourceId}>
                  <td>{source.name}</td>
                  <td>
                    {source.lastDataAt
                      ? formatDateTime(source.lastDataAt, i18n.language)
                      : t('dashboard.freshness.never')}
                  </td>
                  <td>
                    {source.overdue === null ? (
                      '—'
                    ) : source.overdue ? (
                      <span className="tag tag-failure">{t('dashboard.freshness.overdue')}</span>
                    ) : (
                      <span className="tag tag-success">{t('dashboard.freshness.onTime')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
