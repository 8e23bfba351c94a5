/**
 * Data sources: every organisation that submits data, with the freshness and quality of its feed (last
 * record, records today, rejection rate, typical delay) and a warning when one has gone quiet; registering
 * a new source (or a consumer-only one) with its API key; disabling and enabling a source.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type ResponseOf } from '../../api/client';
import { issueReason } from '../../api/issue-reason';
import { useSession } from '../../app/session';
import { DataTable, type Column, type ListQuery } from '../../components/DataTable';
import { formatDateTime } from '../../components/format';
import { formatDelay } from './delay';
import { SourceState, SourceStateForm, type SourceView } from './SourcesLifecycle';

type SourceQuality = ResponseOf<'/api/v1/sources/quality'>['items'][number];
const types = [
  'hospital',
  'lab',
  'cdc',
  'fever_clinic',
  'pharmacy',
  'transport',
  'hotel',
  'venue',
  'community',
  'port',
] as const;

export function SourcesPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const [creating, setCreating] = useState(false);
  const [changing, setChanging] = useState<SourceView | null>(null);
  const [changed, setChanged] = useState<string | null>(null);
  const mayManage = session?.permissions.includes('sources:manage') ?? false;
  // Counted by the server over all of the caller's sources, not from the page of the table on show.
  const silent = useQuery({
    queryKey: ['sources-quality', 'silent'],
    queryFn: () => api.get('/api/v1/sources/silent', { query: { limit: 20 } }),
    refetchInterval: 60_000,
  });
  const fetchPage = (query: ListQuery) => api.get('/api/v1/sources/quality', { query });
  const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
  const duration = (minutes: number | null) => formatDelay(minutes, t, i18n.language);
  const columns: Column<SourceQuality>[] = [
    { key: 'name', header: t('sources.name'), sort: 'name', render: (s) => s.source.name },
    {
      key: 'type',
      header: t('sources.type'),
      sort: 'type',
      render: (s) => t(`sources.types.${s.source.type}`),
    },
    { key: 'area', header: t('sources.area'), render: (s) => s.source.areaCode ?? t('common.allAreas') },
    {
      key: 'last',
      header: t('hub.sources.lastRecord'),
      render: (s) => formatDateTime(s.health.lastRecordAt, i18n.language),
    },
    {
      key: 'today',
      header: t('hub.sources.today'),
      render: (s) => s.health.recordsToday.toLocaleString(i18n.language),
    },
    {
      key: 'rejected',
      header: t('hub.sources.rejectionRate'),
      render: (s) => percent(s.health.rejectionRate),
    },
    {
      key: 'delay',
      header: t('hub.sources.typicalDelay'),
      render: (s) =>
        s.health.typicalDelayMinutes === null
          ? '—'
          : t('hub.sources.delayValue', {
              median: duration(s.health.typicalDelayMinutes),
              p90: duration(s.health.delayP90Minutes),
            }),
    },
    {
      key: 'state',
      header: t('hub.sources.state'),
      render: (s) => <SourceState row={s} />,
    },
    {
      key: 'created',
      header: t('sources.created'),
      sort: 'created',
      render: (s) => formatDateTime(s.source.createdAt, i18n.language),
    },
    ...(mayManage
      ? [
          {
            key: 'actions',
            header: t('common.actions'),
            render: (s: SourceQuality) => (
              <button
                type="button"
                className="button"
                aria-label={`${t(s.source.active ? 'sourceLifecycle.disable' : 'sourceLifecycle.enable')} ${s.source.name}`}
                onClick={() => {
                  setChanged(null);
                  setChanging(s.source);
                }}
              >
                {t(s.source.active ? 'sourceLifecycle.disable' : 'sourceLifecycle.enable')}
              </button>
            ),
          },
        ]
      : []),
  ];
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('sources.title')}</h1>
      <p className="lead">{t('hub.sources.intro', { days: 7 })}</p>
      {silent.data && silent.data.count > 0 && (
        <p role="status" className="notice notice-error">
          {t(
            silent.data.count > silent.data.items.length
              ? 'hub.sources.silentWarningMore'
              : 'hub.sources.silentWarning',
            {
              count: silent.data.count,
              names: silent.data.items.map((s) => s.name).join(i18n.language === 'en' ? ', ' : '、'),
              more: silent.data.count - silent.data.items.length,
            },
          )}
        </p>
      )}
      {changed && (
        <p role="status" className="notice notice-ok">
          {changed}
        </p>
      )}
      <DataTable
        id="sources-quality"
        caption={t('sources.title')}
        columns={columns}
        rowKey={(s) => s.source.id}
        fetchPage={fetchPage}
        exportFrom={{ path: '/api/v1/sources/quality' }}
        toolbar={
          mayManage && (
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
              {t('sources.newSource')}
            </button>
          )
        }
      />
      {changing && (
        <SourceStateForm
          key={changing.id}
          source={changing}
          onDone={(message) => {
            setChanging(null);
            setChanged(message);
          }}
        />
      )}
      {creating && <NewSourceForm onDone={() => setCreating(false)} />}
    </section>
  );
}

function NewSourceForm({ onDone }: { onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [type, setType] = useState<(typeof types)[number]>('lab');
  const [areaCode, setAreaCode] = useState('');
  const [intervalHours, setIntervalHours] = useState('24');
  const [consumerOnly, setConsumerOnly] = useState(false);
  const [apiKey, setApiKey] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One registration per form: a double click, or Enter in a field once the key is shown, would send the form
  // again (refused as a taken name beside the key, or a second source with a second live key).
  const sending = useRef(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending.current || apiKey !== null) return;
    sending.current = true;
    setBusy(true);
    setError(null);
    try {
      const created = await api.post('/api/v1/sources', {
        body: {
          name,
          type,
          areaCode: areaCode.trim() || null,
          expectedIntervalHours: Number(intervalHours),
          consumerOnly,
        },
      });
      setApiKey(created.apiKey);
      await client.invalidateQueries({ queryKey: ['sources-quality'] });
    } catch (e) {
      setError(
        e instanceof ApiError
          ? e.issues.map((i) => `${fieldLabel(i.field)}: ${issueReason(i, i18n.language)}`).join('; ') ||
              e.message
          : String(e),
      );
      sending.current = false;
    } finally {
      setBusy(false);
    }
  };
  // A refused field named by its label, as the reader sees it above its box.
  const fieldLabel = (field: string | undefined) =>
    ({
      id: 'id',
      name: t('sources.name'),
      type: t('sources.type'),
      areaCode: t('hub.sources.areaCode'),
      expectedIntervalHours: t('hub.sources.interval'),
      consumerOnly: t('sourceLifecycle.consumerOnly'),
    })[field ?? ''] ?? field;
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} aria-labelledby="new-source-title">
      <h2 id="new-source-title">{t('sources.newSource')}</h2>
      <div className="field">
        <label htmlFor="source-name">{t('sources.name')}</label>
        <input id="source-name" value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="source-type">{t('sources.type')}</label>
        <select
          id="source-type"
          value={type}
          onChange={(e) => setType(e.target.value as (typeof types)[number])}
        >
          {types.map((ty) => (
            <option key={ty} value={ty}>
              {t(`sources.types.${ty}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="source-area">{t('hub.sources.areaCode')}</label>
        <input
          id="source-area"
          inputMode="numeric"
          value={areaCode}
          aria-describedby="source-area-hint"
          onChange={(e) => setAreaCode(e.target.value)}
        />
        <p id="source-area-hint" className="hint">
          {t('hub.sources.areaHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor="source-interval">{t('hub.sources.interval')}</label>
        <input
          id="source-interval"
          type="number"
          min={1}
          max={720}
          value={intervalHours}
          onChange={(e) => setIntervalHours(e.target.value)}
        />
      </div>
      <div className="field field-inline">
        <input
          id="source-consumer-only"
          type="checkbox"
          checked={consumerOnly}
          aria-describedby="source-consumer-only-hint"
          onChange={(e) => setConsumerOnly(e.target.checked)}
        />
        <label htmlFor="source-consumer-only">{t('sourceLifecycle.consumerOnly')}</label>
      </div>
      <p id="source-consumer-only-hint" className="hint">
        {t('sourceLifecycle.consumerOnlyHint')}
      </p>
      {error && (
        <p role="alert" className="notice notice-error">
          {error}
        </p>
      )}
      {apiKey && (
        <p role="status" className="notice notice-ok">
          {t('sources.apiKeyOnce')} <code>{apiKey}</code>
        </p>
      )}
      <div className="form-actions">
        {!apiKey && (
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('common.create')}
          </button>
        )}
        <button type="button" className="button" onClick={onDone}>
          {t('common.close')}
        </button>
      </div>
    </form>
  );
}
