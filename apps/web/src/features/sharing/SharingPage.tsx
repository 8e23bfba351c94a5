/**
 * Data-sharing agreements: who may read which datasets, for which purpose, under which legal basis, until
 * when; create, revoke, and see what each consumer read.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type ResponseOf } from '../../api/client';
import { issueReason } from '../../api/issue-reason';
import { useSession } from '../../app/session';
import { DataTable, type Column } from '../../components/DataTable';
import { formatDateTime } from '../../components/format';
import { agreementDatasets, agreementPurposes, partlyServedDatasets } from './agreement-options';
import { ConsumerWebhooks } from './ConsumerWebhooks';
import { endOfDayInShanghai } from './expiry';

type Agreement = ResponseOf<'/api/v1/sharing/agreements'>['items'][number];
const fields = ['identifiers', 'phone', 'name', 'address', 'birth_date'] as const;

export function SharingPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const canManage = session?.permissions.includes('sharing:manage') ?? false;
  const [creating, setCreating] = useState(false);
  const [readsOf, setReadsOf] = useState<string | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const client = useQueryClient();
  const sources = useQuery({
    queryKey: ['sources-all'],
    queryFn: () => api.get('/api/v1/sources', { query: { limit: 500, offset: 0, order: 'asc' } }),
  });
  const sourceName = (id: string) => sources.data?.items.find((s) => s.id === id)?.name;

  const revoke = async (a: Agreement) => {
    setRevokeError(null);
    const reason = window.prompt(t('sharing.revokeReason'))?.trim();
    if (!reason) return;
    try {
      await api.post('/api/v1/sharing/agreements/{id}/revoke', { params: { id: a.id }, body: { reason } });
    } catch (e) {
      // A refusal (reason too short, revoked meanwhile by someone else) is shown, not dropped: the officer
      // must know the consumer may still have access.
      const detail =
        e instanceof ApiError
          ? e.issues.map((i) => issueReason(i, i18n.language)).join('; ') || e.message
          : String(e);
      setRevokeError(`${a.title}: ${detail}`);
    }
    await client.invalidateQueries({ queryKey: ['sharing'] });
  };

  const columns: Column<Agreement>[] = [
    { key: 'title', header: t('sharing.agreement'), sort: 'title', render: (a) => a.title },
    {
      key: 'consumer',
      header: t('sharing.consumer'),
      render: (a) => (
        <>
          {sourceName(a.consumerSourceId) ?? ''} <code>{a.consumerSourceId}</code>
        </>
      ),
    },
    {
      key: 'datasets',
      header: t('sharing.datasets'),
      render: (a) => a.datasets.map((d) => t(`sharing.datasetNames.${d}`)).join('、'),
    },
    {
      key: 'fields',
      header: t('sharing.fields'),
      render: (a) =>
        a.fields.length
          ? a.fields.map((f) => t(`sharing.fieldNames.${f}`)).join('、')
          : t('sharing.allMasked'),
    },
    { key: 'purpose', header: t('purposes.label'), render: (a) => t(`purposes.${a.purpose}`) },
    { key: 'basis', header: t('sharing.legalBasis'), render: (a) => a.legalBasis },
    {
      key: 'expires',
      header: t('sharing.expires'),
      sort: 'expires',
      render: (a) => formatDateTime(a.expiresAt, i18n.language),
    },
    {
      key: 'status',
      header: t('sharing.status'),
      render: (a) => (
        <>
          <span className={`tag tag-${a.status === 'active' ? 'success' : 'failure'}`}>
            {t(`sharing.statuses.${a.status}`)}
          </span>
          {a.revokedAt && (
            <small className="muted">
              {' '}
              {formatDateTime(a.revokedAt, i18n.language)} {a.revokeReason}
            </small>
          )}
        </>
      ),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      render: (a) => (
        <span className="row-actions">
          <button type="button" className="button" onClick={() => setReadsOf(a.consumerSourceId)}>
            {t('sharing.reads')}
          </button>
          {canManage && a.status === 'active' && (
            <button type="button" className="button" onClick={() => void revoke(a)}>
              {t('sharing.revoke')}
            </button>
          )}
        </span>
      ),
    },
  ];

  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('sharing.title')}</h1>
      <p className="lead">{t('sharing.intro')}</p>
      {revokeError && (
        <p className="field-error" role="alert">
          {t('sharing.revokeFailed')} {revokeError}
        </p>
      )}
      <DataTable
        id="sharing"
        caption={t('sharing.title')}
        columns={columns}
        rowKey={(a) => a.id}
        fetchPage={(q) => api.get('/api/v1/sharing/agreements', { query: q })}
        exportFrom={{ path: '/api/v1/sharing/agreements' }}
        defaultOrder="desc"
        toolbar={
          canManage && (
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
              {t('sharing.new')}
            </button>
          )
        }
      />
      {creating && <NewAgreementForm onDone={() => setCreating(false)} />}
      {readsOf && <ConsumerReads sourceId={readsOf} />}
      {readsOf && <ConsumerWebhooks sourceId={readsOf} />}
    </section>
  );
}

function NewAgreementForm({ onDone }: { onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const sources = useQuery({
    queryKey: ['sources-all'],
    queryFn: () => api.get('/api/v1/sources', { query: { limit: 500, offset: 0, order: 'asc' } }),
  });
  const [form, setForm] = useState({
    consumerSourceId: '',
    title: '',
    purpose: 'surveillance',
    legalBasis: '',
    expiresAt: '',
  });
  const [chosenDatasets, setChosenDatasets] = useState<string[]>(['feed', 'cases']);
  const [chosenFields, setChosenFields] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const toggle = (list: string[], set: (v: string[]) => void, value: string) =>
    set(list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    try {
      await api.post('/api/v1/sharing/agreements', {
        body: {
          ...form,
          consumerSourceId: form.consumerSourceId || (sources.data?.items[0]?.id ?? ''),
          purpose: form.purpose as (typeof agreementPurposes)[number],
          expiresAt: form.expiresAt ? endOfDayInShanghai(form.expiresAt) : '',
          datasets: chosenDatasets as (typeof agreementDatasets)[number][],
          fields: chosenFields as (typeof fields)[number][],
        },
      });
      await client.invalidateQueries({ queryKey: ['sharing'] });
      onDone();
    } catch (e) {
      if (e instanceof ApiError)
        // `datasets.1` is the second dataset chosen: shown under the datasets, naming which in its reason.
        setErrors(
          Object.fromEntries(
            e.issues.map((i) => [(i.field ?? '').split('.')[0]!, issueReason(i, i18n.language)]),
          ),
        );
    }
  };
  const err = (key: string, label: string) =>
    errors[key] ? (
      <span className="field-error">
        {label}: {errors[key]}
      </span>
    ) : null;
  return (
    <form
      className="panel panel-wide"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="agreement-title"
      noValidate
    >
      <h2 id="agreement-title">{t('sharing.new')}</h2>
      <div className="field">
        <label htmlFor="agr-consumer">{t('sharing.consumer')}</label>
        <select
          id="agr-consumer"
          value={form.consumerSourceId}
          onChange={(e) => setForm({ ...form, consumerSourceId: e.target.value })}
        >
          {sources.data?.items.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        {err('consumerSourceId', t('sharing.consumer'))}
      </div>
      <div className="field">
        <label htmlFor="agr-title">{t('sharing.agreement')}</label>
        <input
          id="agr-title"
          value={form.title}
          onChange={(e) => setForm({ ...form, title: e.target.value })}
        />
        {err('title', t('sharing.agreement'))}
      </div>
      <fieldset className="field">
        <legend>{t('sharing.datasets')}</legend>
        <div className="checks">
          {agreementDatasets.map((d) => (
            <label key={d}>
              <input
                type="checkbox"
                checked={chosenDatasets.includes(d)}
                onChange={() => toggle(chosenDatasets, setChosenDatasets, d)}
              />{' '}
              {t(`sharing.datasetNames.${d}`)}
              {(partlyServedDatasets as readonly string[]).includes(d) && (
                <small className="hint"> {t(`sharing.datasetNotes.${d}`)}</small>
              )}
            </label>
          ))}
        </div>
        {err('datasets', t('sharing.datasets'))}
      </fieldset>
      <fieldset className="field">
        <legend>{t('sharing.fields')}</legend>
        <div className="checks">
          {fields.map((f) => (
            <label key={f}>
              <input
                type="checkbox"
                checked={chosenFields.includes(f)}
                onChange={() => toggle(chosenFields, setChosenFields, f)}
              />{' '}
              {t(`sharing.fieldNames.${f}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="agr-purpose">{t('purposes.label')}</label>
        <select
          id="agr-purpose"
          value={form.purpose}
          onChange={(e) => setForm({ ...form, purpose: e.target.value })}
        >
          {agreementPurposes.map((p) => (
            <option key={p} value={p}>
              {t(`purposes.${p}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="agr-basis">{t('sharing.legalBasis')}</label>
        <textarea
          id="agr-basis"
          rows={2}
          value={form.legalBasis}
          onChange={(e) => setForm({ ...form, legalBasis: e.target.value })}
        />
        {err('legalBasis', t('sharing.legalBasis'))}
      </div>
      <div className="field">
        <label htmlFor="agr-expires">{t('sharing.expires')}</label>
        <input
          id="agr-expires"
          type="date"
          value={form.expiresAt}
          onChange={(e) => setForm({ ...form, expiresAt: e.target.value })}
        />
        {err('expiresAt', t('sharing.expires'))}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          {t('common.create')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function ConsumerReads({ sourceId }: { sourceId: string }) {
  const { t, i18n } = useTranslation();
  type Read = ResponseOf<'/api/v1/sharing/consumers/{id}/reads'>['items'][number];
  const columns: Column<Read>[] = [
    { key: 'at', header: t('audit.at'), render: (r) => formatDateTime(r.at, i18n.language) },
    {
      key: 'purpose',
      header: t('purposes.label'),
      render: (r) => t(`purposes.${r.purpose}`, { defaultValue: r.purpose }),
    },
    { key: 'action', header: t('audit.action'), render: (r) => <code>{r.action}</code> },
    {
      key: 'record',
      header: t('sharing.record'),
      render: (r) => {
        const id = detailOf(r).resourceId;
        return typeof id === 'string' ? <code>{id}</code> : '—';
      },
    },
    {
      key: 'dataset',
      header: t('sharing.dataset'),
      render: (r) => {
        // A read drawing on several datasets (a person's timeline) names each: `persons,observations`.
        const dataset = detailOf(r).dataset;
        return typeof dataset === 'string'
          ? dataset
              .split(',')
              .map((d) => t(`sharing.datasetNames.${d}`, { defaultValue: d }))
              .join('、')
          : '—';
      },
    },
    {
      key: 'query',
      header: t('sharing.searchedBy'),
      render: (r) => {
        // Names of the query parameters only: the audit never keeps what was searched for.
        const query = detailOf(r).query;
        return Array.isArray(query) && query.length > 0 ? <code>{query.join(', ')}</code> : '—';
      },
    },
    {
      key: 'agreement',
      header: t('sharing.agreement'),
      render: (r) => {
        const agreement = detailOf(r).agreement;
        return typeof agreement === 'string' ? <code>{agreement}</code> : '—';
      },
    },
    {
      key: 'outcome',
      header: t('audit.outcome'),
      render: (r) => (
        <span className={`tag tag-${r.outcome}`}>
          {t(`audit.outcomes.${r.outcome}`, { defaultValue: r.outcome })}
        </span>
      ),
    },
  ];
  return (
    <section aria-labelledby="reads-title">
      <h2 id="reads-title">
        {t('sharing.readsOf')} <code>{sourceId}</code>
      </h2>
      <DataTable
        id={`reads-${sourceId}`}
        caption={t('sharing.readsOf')}
        columns={columns}
        rowKey={(r) => `${r.at}-${r.action}-${String(detailOf(r).resourceId)}`}
        fetchPage={(q) =>
          api.get('/api/v1/sharing/consumers/{id}/reads', { params: { id: sourceId }, query: q })
        }
        searchable={false}
        exportFrom={{ path: `/api/v1/sharing/consumers/${encodeURIComponent(sourceId)}/reads` }}
      />
    </section>
  );
}

/** The audit entry's detail: its dataset, agreement and the record read, when the read had them. */
function detailOf(read: { detail?: unknown }): Record<string, unknown> {
  const detail = read.detail;
  return typeof detail === 'object' && detail !== null ? (detail as Record<string, unknown>) : {};
}
