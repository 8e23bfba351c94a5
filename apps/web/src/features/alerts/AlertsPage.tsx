/**
 * Alerts: the paged list within the caller's area, filtered by status, level and indicator; the selected
 * alert's detail (kept in the address as `?alert=`, so the command centre can link to it) with its series,
 * evidence, history and triage; and the caller's alert subscriptions and notifications.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, type ResponseOf } from '../../api/client';
import { useSession } from '../../app/session';
import { DataTable, type Column } from '../../components/DataTable';
import { areaName, formatNumber } from '../dashboard/dashboard-format';
import { alertLevels, levelTagClass, type AlertLevel } from '../dashboard/levels';
import '../dashboard/dashboard.css';
import { AlertDetail } from './AlertDetail';
import { AlertSubscriptions } from './AlertSubscriptions';

type Alert = ResponseOf<'/api/v1/alerts'>['items'][number];
/** The indicators alerts are raised on (counted ones; ratios are not detected on). */
type CountedIndicator = Exclude<Alert['indicator'], 'test_positivity'>;
const statuses = ['open', 'new', 'investigating', 'confirmed', 'dismissed'] as const;
type StatusFilter = '' | (typeof statuses)[number];

export function AlertsPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const canTriage = session?.permissions.includes('alerts:triage') ?? false;
  const [params, setParams] = useSearchParams();
  const selected = params.get('alert');
  const [status, setStatus] = useState<StatusFilter>('');
  const [level, setLevel] = useState<'' | AlertLevel>('');
  const [indicator, setIndicator] = useState('');
  const catalogue = useQuery({
    queryKey: ['indicator-catalogue'],
    queryFn: () => api.get('/api/v1/indicators'),
  });
  const language = i18n.language;
  const open = (id: string | null) => setParams(id ? { alert: id } : {});

  const columns: Column<Alert>[] = [
    {
      key: 'alert',
      header: t('alerts.columns.alert'),
      render: (a) => (
        <button type="button" className="link-button" onClick={() => open(a.id)}>
          {areaName(a.area, language)} · {t(`indicators.names.${a.indicator}`)}
          <span className="visually-hidden"> — {t('alerts.open', { id: a.id })}</span>
        </button>
      ),
    },
    {
      key: 'level',
      header: t('alerts.columns.level'),
      sort: 'level',
      render: (a) => <span className={levelTagClass(a.level)}>{t(`dashboard.levels.${a.level}`)}</span>,
    },
    {
      key: 'status',
      header: t('alerts.columns.status'),
      sort: 'status',
      render: (a) => t(`alerts.statuses.${a.status}`),
    },
    {
      key: 'first',
      header: t('alerts.columns.firstAlarm'),
      sort: 'firstAlarm',
      render: (a) => a.firstAlarmDate,
    },
    { key: 'last', header: t('alerts.columns.lastAlarm'), sort: 'lastAlarm', render: (a) => a.lastAlarmDate },
    { key: 'days', header: t('alerts.columns.days'), render: (a) => a.alarmDays },
    {
      key: 'observed',
      header: t('alerts.columns.observed'),
      render: (a) => `${formatNumber(a.observed, language)} / ${formatNumber(a.upperbound, language, 1)}`,
    },
  ];
  const filterKey = `alerts-${status}-${level}-${indicator}`;
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('alerts.title')}</h1>
      <p className="lead">{t('alerts.intro')}</p>
      <DataTable
        key={filterKey}
        id={filterKey}
        caption={t('alerts.title')}
        columns={columns}
        rowKey={(a) => a.id}
        defaultOrder="desc"
        fetchPage={(q) =>
          api.get('/api/v1/alerts', {
            query: {
              ...q,
              sort: q.sort ?? 'lastAlarm',
              ...(status ? { status } : {}),
              ...(level ? { level } : {}),
              ...(indicator ? { indicator: indicator as CountedIndicator } : {}),
            },
          })
        }
        toolbar={
          <>
            <label className="inline-field">
              <span>{t('alerts.filters.status')}</span>
              <select value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
                <option value="">{t('alerts.filters.anyStatus')}</option>
                {statuses.map((s) => (
                  <option key={s} value={s}>
                    {s === 'open' ? t('alerts.filters.open') : t(`alerts.statuses.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline-field">
              <span>{t('alerts.filters.level')}</span>
              <select value={level} onChange={(e) => setLevel(e.target.value as '' | AlertLevel)}>
                <option value="">{t('alerts.filters.anyLevel')}</option>
                {alertLevels.map((l) => (
                  <option key={l} value={l}>
                    {t(`dashboard.levels.${l}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline-field">
              <span>{t('alerts.filters.indicator')}</span>
              <select value={indicator} onChange={(e) => setIndicator(e.target.value)}>
                <option value="">{t('alerts.filters.anyIndicator')}</option>
                {catalogue.data?.items
                  .filter((i) => !i.ratio)
                  .map((i) => (
                    <option key={i.code} value={i.code}>
                      {t(`indicators.names.${i.code}`)}
                    </option>
                  ))}
              </select>
            </label>
          </>
        }
      />
      {selected && <AlertDetail id={selected} canTriage={canTriage} onClose={() => open(null)} />}
      <AlertSubscriptions />
    </section>
  );
}
