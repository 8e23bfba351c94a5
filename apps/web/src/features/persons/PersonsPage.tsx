/**
 * Persons: search the master person index (masked per role) and open a person — golden record, linked
 * source records, merges, and the timeline of everything known about them. `?person=ID` opens one. A data
 * source (no `persons:read`) gets its own submissions instead.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, type ResponseOf } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { formatDateTime } from '../../components/format';
import { FollowUpsPanel } from './FollowUpsPanel';
import { PersonDetail } from './PersonDetail';
import './persons.css';
import { useAreaLabel } from '../../components/area-label';
import { useSession } from '../../app/session';
import { SubmittedPersonsPage } from './SubmittedPersons';

type Person = ResponseOf<'/api/v1/persons'>['items'][number];

export function PersonsPage() {
  const { session } = useSession();
  const permissions = session?.permissions ?? [];
  if (!permissions.includes('persons:read') && permissions.includes('submissions:read'))
    return <SubmittedPersonsPage />;
  return <PersonIndexPage />;
}

function PersonIndexPage() {
  const { t, i18n } = useTranslation();
  const areaLabel = useAreaLabel();
  const { session } = useSession();
  // Searching or sorting by a field shown masked would reveal it, and the server refuses it: not offered. The
  // session says which fields this user sees in clear.
  const disclosed = new Set(session?.disclosed ?? []);
  const [clearIds, clearNames, clearBirth] = [
    disclosed.has('identifiers'),
    disclosed.has('name'),
    disclosed.has('birth_date'),
  ];
  const [params, setParams] = useSearchParams();
  const personId = params.get('person');
  const [identifier, setIdentifier] = useState('');
  const [searched, setSearched] = useState('');
  if (personId)
    return (
      <section className="page" aria-labelledby="page-title">
        <PersonDetail
          personId={personId}
          onBack={() => setParams({})}
          onOpen={(id) => setParams({ person: id })}
        />
      </section>
    );
  const columns: Column<Person>[] = [
    {
      key: 'name',
      header: t('hub.persons.name'),
      ...(clearNames ? { sort: 'name' } : {}),
      render: (p) => (
        <a
          href={`?person=${encodeURIComponent(p.id)}`}
          onClick={(e) => {
            e.preventDefault();
            setParams({ person: p.id });
          }}
        >
          {p.name ?? p.id}
        </a>
      ),
    },
    {
      key: 'sex',
      header: t('hub.persons.sex'),
      render: (p) => (p.sex ? t(`hub.persons.sexes.${p.sex}`) : '—'),
    },
    {
      key: 'birth',
      header: t('hub.persons.birthDate'),
      ...(clearBirth ? { sort: 'birthDate' } : {}),
      render: (p) => p.birthDate ?? '—',
    },
    {
      key: 'area',
      header: t('hub.persons.area'),
      sort: 'area',
      render: (p) => <span title={p.areaCode ?? ''}>{areaLabel(p.areaCode)}</span>,
    },
    { key: 'id', header: 'ID', render: (p) => <code>{p.id}</code> },
    {
      key: 'updated',
      header: t('hub.persons.updated'),
      sort: 'updated',
      render: (p) => formatDateTime(p.updatedAt, i18n.language),
    },
  ];
  const find = (event: FormEvent) => {
    event.preventDefault();
    setSearched(identifier.trim());
  };
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('hub.persons.title')}</h1>
      <p className="lead">{t('hub.persons.intro')}</p>
      {clearIds && (
        <form className="datatable-toolbar" onSubmit={find} aria-label={t('hub.persons.identifierSearch')}>
          <label className="inline-field" htmlFor="person-identifier">
            <span>{t('hub.persons.identifierSearch')}</span>
          </label>
          <input
            id="person-identifier"
            value={identifier}
            placeholder={t('hub.persons.identifierHint')}
            onChange={(e) => setIdentifier(e.target.value)}
          />
          <button type="submit" className="button">
            {t('hub.persons.find')}
          </button>
        </form>
      )}
      <DataTable
        id={`persons-${searched}`}
        caption={t('hub.persons.title')}
        columns={columns}
        rowKey={(p) => p.id}
        defaultOrder="desc"
        searchable={clearNames}
        exportFrom={{
          path: '/api/v1/persons',
          query: searched && clearIds ? { identifier: searched } : {},
        }}
        fetchPage={(q) =>
          api.get('/api/v1/persons', {
            query: { ...q, ...(searched && clearIds ? { identifier: searched } : {}) },
          })
        }
      />
      <FollowUpsPanel onOpen={(id) => setParams({ person: id })} />
    </section>
  );
}
