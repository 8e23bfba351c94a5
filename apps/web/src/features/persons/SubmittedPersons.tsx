/**
 * A data source's persons page: the persons its institution submitted records about, found by its own record
 * numbers or a name, shown as its records state them; opening one shows only what it sent (no golden record,
 * no case, no other institution's data). `?person=ID` opens one.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, type ResponseOf } from '../../api/client';
import { useAreaLabel } from '../../components/area-label';
import { DataTable, type Column } from '../../components/DataTable';
import { formatDateTime } from '../../components/format';
import { PersonTimeline } from './PersonTimeline';
import './persons.css';

type SubmittedPerson = ResponseOf<'/api/v1/submissions/persons'>['items'][number];

export function SubmittedPersonsPage() {
  const { t, i18n } = useTranslation();
  const areaLabel = useAreaLabel();
  const [params, setParams] = useSearchParams();
  const personId = params.get('person');
  if (personId)
    return (
      <section className="page" aria-labelledby="page-title">
        <SubmittedPersonDetail personId={personId} onBack={() => setParams({})} />
      </section>
    );
  const columns: Column<SubmittedPerson>[] = [
    {
      key: 'name',
      header: t('hub.persons.name'),
      sort: 'name',
      render: (p) => (
        <a
          href={`?person=${encodeURIComponent(p.id)}`}
          onClick={(e) => {
            e.preventDefault();
            setParams({ person: p.id });
          }}
        >
          {p.name ?? p.recordNumbers[0] ?? p.id}
        </a>
      ),
    },
    {
      key: 'records',
      header: t('submissions.recordNumbers'),
      render: (p) => p.recordNumbers.join(', ') || '—',
    },
    {
      key: 'sex',
      header: t('hub.persons.sex'),
      render: (p) => (p.sex ? t(`hub.persons.sexes.${p.sex}`, { defaultValue: p.sex }) : '—'),
    },
    {
      key: 'birth',
      header: t('hub.persons.birthDate'),
      sort: 'birthDate',
      render: (p) => p.birthDate ?? '—',
    },
    {
      key: 'area',
      header: t('hub.persons.area'),
      sort: 'area',
      render: (p) => <span title={p.areaCode ?? ''}>{areaLabel(p.areaCode)}</span>,
    },
    {
      key: 'linked',
      header: t('submissions.lastSubmitted'),
      sort: 'linked',
      render: (p) => formatDateTime(p.lastLinkedAt, i18n.language),
    },
  ];
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('hub.persons.title')}</h1>
      <p className="lead">{t('submissions.intro')}</p>
      <DataTable
        id="submitted-persons"
        caption={t('submissions.listCaption')}
        columns={columns}
        rowKey={(p) => p.id}
        defaultOrder="desc"
        searchable
        exportFrom={{ path: '/api/v1/submissions/persons' }}
        fetchPage={(q) => api.get('/api/v1/submissions/persons', { query: q })}
      />
    </section>
  );
}

function SubmittedPersonDetail({ personId, onBack }: { personId: string; onBack: () => void }) {
  const { t } = useTranslation();
  const areaLabel = useAreaLabel();
  // The same query as the timeline below (one request): the person as this institution's records state them.
  const timeline = useQuery({
    queryKey: ['timeline', 'submitted', personId],
    queryFn: () => api.get('/api/v1/submissions/persons/{id}/timeline', { params: { id: personId } }),
  });
  const person = timeline.data?.person;
  return (
    <>
      <p>
        <button type="button" className="button" onClick={onBack}>
          ← {t('hub.persons.back')}
        </button>
      </p>
      {timeline.isError && (
        <p role="alert" className="notice notice-error">
          {(timeline.error as Error).message}
        </p>
      )}
      {person && (
        <>
          <h1 id="page-title">{person.name ?? t('hub.persons.person', { id: person.id })}</h1>
          <p className="hint">{t('submissions.ownRecordsOnly')}</p>
          <dl className="panel facts-list">
            <dt>{t('submissions.recordNumbers')}</dt>
            <dd>{person.recordNumbers.join(', ') || '—'}</dd>
            <dt>{t('hub.persons.sex')}</dt>
            <dd>{person.sex ? t(`hub.persons.sexes.${person.sex}`, { defaultValue: person.sex }) : '—'}</dd>
            <dt>{t('hub.persons.birthDate')}</dt>
            <dd>{person.birthDate ?? '—'}</dd>
            <dt>{t('hub.persons.area')}</dt>
            <dd>{areaLabel(person.areaCode)}</dd>
          </dl>
          <PersonTimeline personId={personId} submitted />
        </>
      )}
    </>
  );
}
