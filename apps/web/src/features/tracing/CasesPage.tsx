/**
 * Case tracing: the active cases of the caller's area with their latest trace; `?case=PERSON` opens one
 * case — its set-size report (warning when the definition looks too loose), contacts, graph and map, and
 * forms to trace again and to add an exposure learned in an interview.
 */
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, type ResponseOf } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { formatDateTime } from '../../components/format';
import { CaseDetail } from './CaseDetail';
import './tracing.css';
import { useAreaLabel } from '../../components/area-label';

type CaseRow = ResponseOf<'/api/v1/tracing/cases'>['items'][number];

export function CasesPage() {
  const { t, i18n } = useTranslation();
  const areaLabel = useAreaLabel();
  const [params, setParams] = useSearchParams();
  const personId = params.get('case');
  if (personId)
    return (
      <section className="page" aria-labelledby="page-title">
        <CaseDetail personId={personId} onBack={() => setParams({})} />
      </section>
    );
  const open = (id: string) => setParams({ case: id });
  const columns: Column<CaseRow>[] = [
    {
      key: 'person',
      header: t('tracing.common.person'),
      render: (c) => (
        <a
          href={`?case=${encodeURIComponent(c.personId)}`}
          onClick={(e) => {
            e.preventDefault();
            open(c.personId);
          }}
        >
          <code>{c.personId}</code>
        </a>
      ),
    },
    {
      key: 'classification',
      header: t('tracing.cases.classification'),
      sort: 'classification',
      render: (c) =>
        t(`tracing.cases.classifications.${c.classification}`, { defaultValue: c.classification }),
    },
    { key: 'onset', header: t('tracing.cases.onset'), sort: 'onset', render: (c) => c.onset ?? '—' },
    {
      key: 'reported',
      header: t('tracing.cases.reported'),
      sort: 'reported',
      render: (c) => formatDateTime(c.reportTime, i18n.language),
    },
    {
      key: 'area',
      header: t('tracing.common.area'),
      render: (c) => <span title={c.areaCode ?? ''}>{areaLabel(c.areaCode)}</span>,
    },
    {
      key: 'contacts',
      header: t('tracing.cases.contacts'),
      render: (c) =>
        c.latestRun
          ? t('tracing.cases.closeSecondary', {
              close: c.latestRun.closeCount.toLocaleString(i18n.language),
              secondary: c.latestRun.secondaryCount.toLocaleString(i18n.language),
            })
          : t('tracing.common.notTraced'),
    },
  ];
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('tracing.cases.title')}</h1>
      <p className="lead">{t('tracing.cases.intro')}</p>
      <DataTable
        id="tracing-cases"
        caption={t('tracing.cases.title')}
        columns={columns}
        rowKey={(c) => c.id}
        defaultOrder="desc"
        fetchPage={(q) => api.get('/api/v1/tracing/cases', { query: q })}
        exportFrom={{ path: '/api/v1/tracing/cases' }}
      />
    </section>
  );
}
