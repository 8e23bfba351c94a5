/** Data sources: the organisations that submit data, and registering a new one with its API key. */
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type ResponseOf } from '../../api/client';
import { useSession } from '../../app/session';
import { DataTable, type Column } from '../../components/DataTable';
import { formatDateTime } from '../../components/format';

type Source = ResponseOf<'/api/v1/sources'>['items'][number];
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
  const columns: Column<Source>[] = [
    { key: 'name', header: t('sources.name'), sort: 'name', render: (s) => s.name },
    { key: 'type', header: t('sources.type'), sort: 'type', render: (s) => t(`sources.types.${s.type}`) },
    { key: 'area', header: t('sources.area'), render: (s) => s.areaCode ?? t('common.allAreas') },
    {
      key: 'created',
      header: t('sources.created'),
      sort: 'created',
      render: (s) => formatDateTime(s.createdAt, i18n.language),
    },
  ];
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('sources.title')}</h1>
      <DataTable
        id="sources"
        caption={t('sources.title')}
        columns={columns}
        rowKey={(s) => s.id}
        fetchPage={(q) => api.get('/api/v1/sources', { query: q })}
        toolbar={
          session?.permissions.includes('sources:manage') && (
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
              {t('sources.newSource')}
            </button>
          )
        }
      />
      {creating && <NewSourceForm onDone={() => setCreating(false)} />}
    </section>
  );
}

function NewSourceForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [type, setType] = useState<(typeof types)[number]>('lab');
  const [apiKey, setApiKey] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const created = await api.post('/api/v1/sources', {
        body: { name, type, areaCode: null, expectedIntervalHours: 24 },
      });
      setApiKey(created.apiKey);
      await client.invalidateQueries({ queryKey: ['sources'] });
    } catch (e) {
      setError(
        e instanceof ApiError
          ? e.issues.map((i) => `${i.field}: ${i.reason}`).join('; ') || e.message
          : String(e),
      );
    }
  };
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
          <button type="submit" className="button button-primary">
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
