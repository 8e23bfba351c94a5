/**
 * One alert: its level and status, the series around it with the detector's upper bound (and expected
 * count where the algorithm has one) and the alarm days marked, the alarms that make its evidence, the
 * history of decisions, and — for an epidemiologist — triage with a required note. A refused triage keeps
 * the note typed.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type ResponseOf } from '../../api/client';
import { issueReason } from '../../api/issue-reason';
import { formatDateTime } from '../../components/format';
import { areaName, formatNumber } from '../dashboard/dashboard-format';
import { EChart, type ChartOption } from '../dashboard/EChart';
import { levelColour, levelTagClass } from '../dashboard/levels';
import { TableScroll } from '../../components/TableScroll';

type Detail = ResponseOf<'/api/v1/alerts/{id}'>;
type Transition = Detail['allowedTransitions'][number];

export function AlertDetail({
  id,
  canTriage,
  onClose,
}: {
  id: string;
  canTriage: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const detail = useQuery({
    queryKey: ['alert', id],
    queryFn: () => api.get('/api/v1/alerts/{id}', { params: { id } }),
  });
  const alert = detail.data;
  return (
    <section className="panel panel-wide" aria-labelledby="alert-heading" role="region">
      {!alert ? (
        <>
          <h2 id="alert-heading">{t('alerts.title')}</h2>
          {detail.isError ? (
            <p role="alert" className="notice notice-error">
              {(detail.error as Error).message}
            </p>
          ) : (
            <p className="loading">{t('alerts.detail.loading')}</p>
          )}
        </>
      ) : (
        <>
          <h2 id="alert-heading">
            {t('alerts.detail.heading', {
              indicator: t(`indicators.names.${alert.indicator}`),
              area: areaName(alert.area, language),
            })}
          </h2>
          <p>
            <span className={levelTagClass(alert.level)}>{t(`dashboard.levels.${alert.level}`)}</span>{' '}
            {t('alerts.detail.summary', {
              level: t(`dashboard.levels.${alert.level}`),
              status: t(`alerts.statuses.${alert.status}`),
              first: alert.firstAlarmDate,
              last: alert.lastAlarmDate,
              days: alert.alarmDays,
              algorithms: alert.algorithms.join(', '),
            })}
          </p>
          <AlertChart alert={alert} />
          <h3>{t('alerts.detail.evidence')}</h3>
          <TableScroll labelledBy="alert-heading">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('alerts.detail.date')}</th>
                  <th scope="col">{t('alerts.detail.algorithm')}</th>
                  <th scope="col">{t('alerts.detail.observed')}</th>
                  <th scope="col">{t('alerts.detail.expected')}</th>
                  <th scope="col">{t('alerts.detail.upperbound')}</th>
                </tr>
              </thead>
              <tbody>
                {alert.alarms.map((a) => (
                  <tr key={`${a.date}-${a.ruleId}`}>
                    <td>{a.date}</td>
                    <td>
                      {a.algorithm} <span className="muted">({a.aggregation})</span>
                    </td>
                    <td>{formatNumber(a.observed, language)}</td>
                    <td>{formatNumber(a.expected, language, 2)}</td>
                    <td>{formatNumber(a.upperbound, language, 2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <h3>{t('alerts.detail.decisions')}</h3>
          <ol className="alert-history">
            {alert.decisions.map((d) => (
              <li key={d.id}>
                {formatDateTime(d.at, language)} —{' '}
                {t('alerts.detail.decisionLine', {
                  kind: t(`alerts.detail.decisionKinds.${d.kind}`),
                  actor: d.actor === 'detection' ? t('alerts.detail.byDetection') : d.actor,
                  change:
                    d.kind === 'triage'
                      ? `${t(`alerts.statuses.${d.fromStatus ?? 'new'}`)} → ${t(`alerts.statuses.${d.toStatus ?? 'new'}`)}`
                      : `${d.fromLevel ? `${t(`dashboard.levels.${d.fromLevel}`)} → ` : ''}${t(`dashboard.levels.${d.toLevel ?? 'blue'}`)}`,
                })}
                {d.note && <blockquote className="muted">{d.note}</blockquote>}
              </li>
            ))}
          </ol>
          {canTriage ? <TriageForm alert={alert} /> : <p className="muted">{t('alerts.detail.readOnly')}</p>}
        </>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('alerts.detail.close')}
        </button>
      </div>
    </section>
  );
}

function AlertChart({ alert }: { alert: Detail }) {
  const { t, i18n } = useTranslation();
  const points = alert.chart.points;
  const withBound = points.some((p) => p.upperbound !== null);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: points.map((p) => p.date.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('alerts.detail.observed'),
          type: 'bar',
          data: points.map((p) => ({
            value: p.observed,
            itemStyle: { color: p.alarm ? levelColour[alert.level] : '#8aa4c4' },
          })),
        },
        ...(withBound
          ? [
              {
                name: t('alerts.detail.upperbound'),
                type: 'line',
                step: 'middle',
                symbol: 'none',
                data: points.map((p) => p.upperbound),
                lineStyle: { color: '#b3261e', type: 'dashed' },
              },
            ]
          : []),
        ...(points.some((p) => p.expected !== null)
          ? [
              {
                name: t('alerts.detail.expected'),
                type: 'line',
                symbol: 'none',
                data: points.map((p) => p.expected),
              },
            ]
          : []),
      ],
    }),
    [points, withBound, alert.level, t],
  );
  return (
    <>
      <h3>{t('alerts.detail.chartHeading')}</h3>
      <EChart
        option={option}
        label={t('alerts.detail.chartLabel', {
          indicator: t(`indicators.names.${alert.indicator}`),
          area: areaName(alert.area, i18n.language),
          algorithm: alert.chart.algorithm ?? '—',
        })}
      />
      {!withBound && <p className="muted">{t('alerts.detail.noBound')}</p>}
    </>
  );
}

function TriageForm({ alert }: { alert: Detail }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirmation = saved && (
    <p role="status" className="notice notice-ok">
      {saved}
    </p>
  );
  if (alert.allowedTransitions.length === 0)
    return (
      <>
        {confirmation}
        <p className="muted">{t('alerts.detail.final')}</p>
      </>
    );
  const decide = async (status: Transition, event?: FormEvent) => {
    event?.preventDefault();
    setSaved(null);
    if (note.trim() === '') {
      setError(t('alerts.detail.noteRequired'));
      return;
    }
    setBusy(true);
    try {
      const updated = await api.post('/api/v1/alerts/{id}/triage', {
        params: { id: alert.id },
        body: { status, note },
      });
      client.setQueryData(['alert', alert.id], updated);
      await client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('alerts-') });
      await client.invalidateQueries({ queryKey: ['dashboard'] });
      setNote('');
      setError(null);
      setSaved(t('alerts.detail.saved', { status: t(`alerts.statuses.${updated.status}`) }));
    } catch (e) {
      setError(
        e instanceof ApiError
          ? e.issues.map((i) => issueReason(i, i18n.language)).join('; ') || e.message
          : String(e),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void decide(alert.allowedTransitions[0]!, e)} aria-labelledby="triage-heading">
      <h3 id="triage-heading">{t('alerts.detail.triage')}</h3>
      <div className="field">
        <label htmlFor="alert-note">{t('alerts.detail.note')}</label>
        <textarea
          id="alert-note"
          rows={3}
          value={note}
          aria-invalid={error !== null}
          aria-describedby={error ? 'alert-note-error' : undefined}
          onChange={(e) => setNote(e.target.value)}
        />
        {error && (
          <p id="alert-note-error" className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="triage-actions">
        {alert.allowedTransitions.map((status) => (
          <button
            key={status}
            type="button"
            className={status === 'dismissed' ? 'button' : 'button button-primary'}
            disabled={busy}
            onClick={() => void decide(status)}
          >
            {t(`alerts.detail.moveTo.${status}`)}
          </button>
        ))}
      </div>
      {confirmation}
    </form>
  );
}
