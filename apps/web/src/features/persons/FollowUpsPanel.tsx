/**
 * Follow-ups of asymptomatic detection (MISSION S8): positive results with no case report, fever-clinic
 * visits with no test. Each opens the person's timeline and is resolved with what was found.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type ResponseOf } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { formatDateTime } from '../../components/format';
import { useAreaLabel } from '../../components/area-label';

type FollowUp = ResponseOf<'/api/v1/follow-ups'>['items'][number];
const resolutions = [
  'case-reported',
  'asymptomatic-confirmed',
  'tested',
  'not-infected',
  'unreachable',
  'other',
] as const;

export function FollowUpsPanel({ onOpen }: { onOpen: (personId: string) => void }) {
  const { t, i18n } = useTranslation();
  const areaLabel = useAreaLabel();
  const client = useQueryClient();
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const [error, setError] = useState<string | null>(null);
  const resolve = async (id: string, resolution: (typeof resolutions)[number]) => {
    setError(null);
    try {
      await api.post('/api/v1/follow-ups/{id}/resolve', { params: { id }, body: { resolution } });
      await client.invalidateQueries({ queryKey: [`follow-ups-${status}`] });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const columns: Column<FollowUp>[] = [
    { key: 'kind', header: t('hub.followUps.kind'), render: (f) => t(`hub.timeline.followUps.${f.kind}`) },
    {
      key: 'person',
      header: t('hub.persons.person', { id: '' }).trim(),
      render: (f) => (
        <button type="button" className="button" onClick={() => onOpen(f.personId)}>
          {t('hub.persons.open')}
        </button>
      ),
    },
    {
      key: 'area',
      header: t('hub.persons.area'),
      render: (f) => <span title={f.areaCode ?? ''}>{areaLabel(f.areaCode)}</span>,
    },
    {
      key: 'due',
      header: t('hub.followUps.due'),
      sort: 'due',
      render: (f) => formatDateTime(f.dueAt, i18n.language),
    },
    {
      key: 'created',
      header: t('hub.followUps.raised'),
      sort: 'created',
      render: (f) => formatDateTime(f.createdAt, i18n.language),
    },
    {
      key: 'resolution',
      header: t('hub.followUps.resolution'),
      render: (f) =>
        f.status === 'resolved' ? (
          t(`hub.followUps.resolutions.${f.resolution ?? 'other'}`, { defaultValue: f.resolution ?? '' })
        ) : (
          <label>
            <span className="visually-hidden">{t('hub.followUps.resolution')}</span>
            <select
              defaultValue=""
              onChange={(e) => void resolve(f.id, e.target.value as (typeof resolutions)[number])}
            >
              <option value="" disabled>
                {t('hub.followUps.resolve')}
              </option>
              {resolutions.map((r) => (
                <option key={r} value={r}>
                  {t(`hub.followUps.resolutions.${r}`)}
                </option>
              ))}
            </select>
          </label>
        ),
    },
  ];
  return (
    <section aria-labelledby="follow-ups-title">
      <h2 id="follow-ups-title">{t('hub.followUps.title')}</h2>
      <p className="hint">{t('hub.followUps.intro')}</p>
      <div className="datatable-toolbar">
        <label htmlFor="follow-up-status">{t('hub.linkage.status')}</label>
        <select
          id="follow-up-status"
          value={status}
          onChange={(e) => setStatus(e.target.value as 'open' | 'resolved')}
        >
          <option value="open">{t('hub.followUps.open')}</option>
          <option value="resolved">{t('hub.followUps.resolved')}</option>
        </select>
      </div>
      {error && (
        <p role="alert" className="notice notice-error">
          {error}
        </p>
      )}
      <DataTable
        id={`follow-ups-${status}`}
        caption={t('hub.followUps.title')}
        columns={columns}
        rowKey={(f) => f.id}
        searchable={false}
        defaultOrder="desc"
        fetchPage={(q) => api.get('/api/v1/follow-ups', { query: { ...q, status } })}
        exportFrom={{ path: '/api/v1/follow-ups', query: { status } }}
      />
    </section>
  );
}
