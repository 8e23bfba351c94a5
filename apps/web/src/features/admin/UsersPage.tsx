/**
 * Users: list (paged, sortable, searchable) and create, for administrators. A data-source account names the
 * registered source it submits as; one without (created before accounts had a source) is marked and bound here.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type ResponseOf } from '../../api/client';
import { issueReason, issuesSummary } from '../../api/issue-reason';
import { useSession } from '../../app/session';
import { DataTable, type Column } from '../../components/DataTable';
import { formatDateTime } from '../../components/format';
import { sourceLabel } from './source-label';

type User = ResponseOf<'/api/v1/users'>['items'][number];
const roles = [
  'citizen',
  'grid_worker',
  'venue_operator',
  'data_source',
  'port_staff',
  'epidemiologist',
  'analyst',
  'admin',
  'auditor',
] as const;

export function UsersPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const [role, setRole] = useState<string>('');
  const [creating, setCreating] = useState(false);
  const [binding, setBinding] = useState<User | null>(null);
  const mayManage = session?.permissions.includes('users:manage') ?? false;
  const columns: Column<User>[] = [
    { key: 'username', header: t('users.username'), sort: 'username', render: (u) => u.username },
    { key: 'name', header: t('users.displayName'), render: (u) => u.displayName },
    { key: 'role', header: t('users.role'), sort: 'role', render: (u) => t(`roles.${u.role}`) },
    { key: 'area', header: t('users.area'), render: (u) => u.areaCode ?? t('common.allAreas') },
    {
      key: 'source',
      header: t('submissions.users.source'),
      render: (u) =>
        u.role !== 'data_source' ? (
          '—'
        ) : (
          <>
            {u.sourceId ? (
              <SourceName sourceId={u.sourceId} />
            ) : (
              <strong>{t('submissions.users.notBound')}</strong>
            )}{' '}
            {mayManage && (
              <button type="button" className="button" onClick={() => setBinding(u)}>
                {t('submissions.users.bind')}
              </button>
            )}
          </>
        ),
    },
    {
      key: 'active',
      header: t('users.active'),
      render: (u) => (u.active ? t('common.yes') : t('common.no')),
    },
    {
      key: 'lastLogin',
      header: t('users.lastLogin'),
      sort: 'lastLogin',
      render: (u) => formatDateTime(u.lastLoginAt, i18n.language),
    },
  ];
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('users.title')}</h1>
      <DataTable
        id={`users-${role}`}
        caption={t('users.title')}
        columns={columns}
        rowKey={(u) => u.id}
        exportFrom={{ path: '/api/v1/users', query: { role } }}
        fetchPage={(q) =>
          api.get('/api/v1/users', { query: { ...q, ...(role ? { role: role as User['role'] } : {}) } })
        }
        toolbar={
          <>
            <label className="inline-field">
              <span>{t('users.role')}</span>
              <select value={role} onChange={(e) => setRole(e.target.value)}>
                <option value="">{t('users.anyRole')}</option>
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {t(`roles.${r}`)}
                  </option>
                ))}
              </select>
            </label>
            {session?.permissions.includes('users:manage') && (
              <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
                {t('users.newUser')}
              </button>
            )}
          </>
        }
      />
      {creating && <NewUserForm onDone={() => setCreating(false)} />}
      {binding && <BindSourceForm user={binding} onDone={() => setBinding(null)} />}
    </section>
  );
}

function NewUserForm({ onDone }: { onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState({
    username: '',
    displayName: '',
    role: 'grid_worker',
    areaCode: '',
    sourceId: '',
    password: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    try {
      const user = await api.post('/api/v1/users', {
        body: {
          ...form,
          role: form.role as User['role'],
          areaCode: form.areaCode || null,
          personId: null,
          sourceId: form.role === 'data_source' ? form.sourceId || null : null,
        },
      });
      setMessage(t('users.createdOk', { username: user.username }));
      await client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('users') });
      onDone();
    } catch (error) {
      if (error instanceof ApiError) {
        // A coded reason reads in the reader's language (its Chinese from the server's table).
        setErrors(
          Object.fromEntries(error.issues.map((i) => [i.field ?? '', issueReason(i, i18n.language)])),
        );
        setMessage(issuesSummary(error, i18n.language, (field) => labels[field] ?? field));
      }
    }
  };

  const field = (key: keyof typeof form, label: string, type = 'text') => (
    <div className="field">
      <label htmlFor={`new-${key}`}>{label}</label>
      <input
        id={`new-${key}`}
        type={type}
        value={form[key]}
        onChange={(e) => set(key)(e.target.value)}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={errors[key] ? `new-${key}-error` : undefined}
      />
      {errors[key] && (
        <span id={`new-${key}-error`} className="field-error">
          {label}: {errors[key]}
        </span>
      )}
    </div>
  );

  // A refused field named by its label in the summary line, as the reader sees it above its box.
  const labels: Record<string, string> = {
    username: t('users.username'),
    displayName: t('users.displayName'),
    role: t('users.role'),
    areaCode: t('users.area'),
    password: t('users.password'),
    sourceId: t('submissions.users.source'),
  };
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} aria-labelledby="new-user-title" noValidate>
      <h2 id="new-user-title">{t('users.newUser')}</h2>
      {field('username', t('users.username'))}
      {field('displayName', t('users.displayName'))}
      <div className="field">
        <label htmlFor="new-role">{t('users.role')}</label>
        <select id="new-role" value={form.role} onChange={(e) => set('role')(e.target.value)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </div>
      {field('areaCode', t('users.area'))}
      {form.role === 'data_source' && (
        <SourceSelect value={form.sourceId} onChange={set('sourceId')} error={errors['sourceId']} />
      )}
      {field('password', t('users.password'), 'password')}
      {message && (
        <p role="status" className="notice">
          {message}
        </p>
      )}
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

/** The registered sources, for naming an account's source and choosing one (one query for the page). */
function useRegisteredSources() {
  return useQuery({
    queryKey: ['sources', 'for-accounts'],
    queryFn: () => api.get('/api/v1/sources', { query: { limit: 500, offset: 0, order: 'asc' } }),
  });
}

/** An account's source by its registered name, its id beside it; marked when the source is disabled. */
function SourceName({ sourceId }: { sourceId: string }) {
  const { t } = useTranslation();
  const sources = useRegisteredSources();
  const { name, id, disabled } = sourceLabel(sourceId, sources.data?.items);
  return (
    <>
      {name !== null && <>{name} </>}
      <code>{id}</code>
      {disabled && (
        <>
          {' '}
          <span className="tag tag-failure">{t('sourceLifecycle.disabledOption')}</span>
        </>
      )}
    </>
  );
}

/**
 * The one source picker of the page, in the create and the bind form: the registered sources to choose from (a
 * data-source account submits as one of them); a consumer-only source is shown but not offered, a disabled one
 * is marked.
 */
function SourceSelect({
  value,
  onChange,
  error,
  id = 'new-sourceId',
}: {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  id?: string;
}) {
  const { t } = useTranslation();
  const sources = useRegisteredSources();
  return (
    <div className="field">
      <label htmlFor={id}>{t('submissions.users.source')}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
      >
        <option value="">{t('submissions.users.chooseSource')}</option>
        {sources.data?.items.map((s) => (
          // A consumer-only source submits nothing, so an account bound to it could do nothing: not offered.
          <option key={s.id} value={s.id} disabled={s.consumerOnly && s.id !== value}>
            {s.name} ({s.id})
            {s.consumerOnly
              ? ` — ${t('sourceLifecycle.notForAccounts')}`
              : !s.active
                ? ` — ${t('sourceLifecycle.disabledOption')}`
                : ''}
          </option>
        ))}
      </select>
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {t('submissions.users.source')}: {error}
        </span>
      ) : (
        <span id={`${id}-hint`} className="hint">
          {t('submissions.users.sourceHint')}
        </span>
      )}
    </div>
  );
}

function BindSourceForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [sourceId, setSourceId] = useState(user.sourceId ?? '');
  const [error, setError] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await api.post('/api/v1/users/{id}/source', { params: { id: user.id }, body: { sourceId } });
      await client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('users') });
      onDone();
    } catch (e) {
      if (e instanceof ApiError) {
        const onSource = e.issues.find((i) => i.field === 'sourceId');
        setError(onSource ? issueReason(onSource, i18n.language) : e.message);
        setMessage(issuesSummary(e, i18n.language));
      }
    }
  };
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} aria-labelledby="bind-source-title" noValidate>
      <h2 id="bind-source-title">{t('submissions.users.bindTitle', { username: user.username })}</h2>
      <SourceSelect id="bind-sourceId" value={sourceId} onChange={setSourceId} error={error} />
      {message && (
        <p role="status" className="notice">
          {message}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          {t('common.save')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
