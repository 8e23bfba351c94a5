/**
 * Imports: choose a kind, download its template, upload a file, follow the progress, and read the
 * line-by-line report of refused lines and of lines imported with a warning; past imports below, each with
 * its report. A file is all-or-nothing unless "partial" is ticked. The report shown is in the address
 * (`?job=`), so it survives a reload.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, ApiError, uploadImport, type ResponseOf } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { formatDateTime } from '../../components/format';
import { TableScroll } from '../../components/TableScroll';
import { warningsNote } from './warnings-note';

type Job = ResponseOf<'/api/v1/imports/{id}'>;
type Kind = ResponseOf<'/api/v1/imports/kinds'>['items'][number];

export function ImportsPage() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const kinds = useQuery({ queryKey: ['import-kinds'], queryFn: () => api.get('/api/v1/imports/kinds') });
  const [kind, setKind] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [partial, setPartial] = useState(false);
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const setJobId = (id: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('job', id);
        return next;
      },
      { replace: false },
    );
  const [error, setError] = useState<string | null>(null);
  const chosen: Kind | undefined = kinds.data?.items.find((k) => k.kind === kind) ?? kinds.data?.items[0];

  const job = useQuery({
    queryKey: ['import-job', jobId],
    queryFn: () => api.get('/api/v1/imports/{id}', { params: { id: jobId! } }),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 500 : false),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!chosen || !file) {
      setError(t('common.required', { field: t('imports.file') }));
      return;
    }
    try {
      const created = await uploadImport(chosen.kind, file, partial);
      setJobId(created.id);
      await client.invalidateQueries({ queryKey: ['imports'] });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  const columns: Column<Omit<Job, 'issues' | 'warnings'>>[] = [
    {
      key: 'created',
      header: t('imports.when'),
      sort: 'created',
      render: (j) => formatDateTime(j.createdAt, i18n.language),
    },
    { key: 'kind', header: t('imports.kind'), sort: 'kind', render: (j) => <code>{j.kind}</code> },
    { key: 'file', header: t('imports.file'), render: (j) => j.fileName },
    {
      key: 'status',
      header: t('imports.status'),
      sort: 'status',
      render: (j) => <StatusTag status={j.status} />,
    },
    {
      key: 'counts',
      header: t('imports.counts'),
      render: (j) =>
        t('imports.countsValue', {
          accepted: j.accepted,
          unchanged: j.unchanged,
          rejected: j.rejected,
          total: j.total,
        }),
    },
    {
      key: 'report',
      header: t('imports.reportColumn'),
      render: (j) => (
        <button
          type="button"
          className="button"
          aria-pressed={j.id === jobId}
          aria-label={t('imports.openReport', { file: j.fileName })}
          onClick={() => setJobId(j.id)}
        >
          {t('imports.open')}
        </button>
      ),
    },
  ];

  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('imports.title')}</h1>
      <p className="lead">{t('imports.intro')}</p>
      <form className="panel panel-wide" onSubmit={(e) => void submit(e)} aria-labelledby="upload-title">
        <h2 id="upload-title">{t('imports.upload')}</h2>
        <div className="field">
          <label htmlFor="import-kind">{t('imports.kind')}</label>
          <select id="import-kind" value={chosen?.kind ?? ''} onChange={(e) => setKind(e.target.value)}>
            {kinds.data?.items.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.kind} — {i18n.language === 'en' ? k.description : k.descriptionZh}
              </option>
            ))}
          </select>
          {chosen?.template && (
            <span className="hint">
              <a href={`/api/v1/imports/templates/${encodeURIComponent(chosen.kind)}`} download>
                {t('imports.downloadTemplate', { file: chosen.template.fileName })}
              </a>
              {' · '}
              {chosen.template.columns.map((c) => `${c.name}${c.required ? '*' : ''}`).join(', ')}
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor="import-file">{t('imports.file')}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,.ndjson,.json,.txt"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <div className="field field-inline">
          <input
            id="import-partial"
            type="checkbox"
            checked={partial}
            onChange={(e) => setPartial(e.target.checked)}
          />
          <label htmlFor="import-partial">{t('imports.partial')}</label>
        </div>
        {error && (
          <p role="alert" className="notice notice-error">
            {error}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={!file || !chosen}>
          {t('imports.start')}
        </button>
      </form>
      {job.data && <JobReport job={job.data} />}
      {job.isError && (
        <p role="alert" className="notice notice-error">
          {job.error instanceof ApiError ? job.error.message : String(job.error)}
        </p>
      )}
      <h2>{t('imports.history')}</h2>
      <DataTable
        id="imports"
        caption={t('imports.history')}
        columns={columns}
        rowKey={(j) => j.id}
        fetchPage={(q) => api.get('/api/v1/imports', { query: q })}
        exportFrom={{ path: '/api/v1/imports' }}
        searchable
        defaultOrder="desc"
      />
    </section>
  );
}

function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  const tone = status === 'accepted' ? 'success' : status === 'running' ? 'running' : 'failure';
  return (
    <span className={`tag tag-${tone}`}>{t(`imports.statuses.${status}`, { defaultValue: status })}</span>
  );
}

function JobReport({ job }: { job: Job }) {
  const { t } = useTranslation();
  const percent = Math.round(job.progress * 100);
  return (
    <section className="panel panel-wide" aria-labelledby="report-title" aria-live="polite">
      <h2 id="report-title">
        {t('imports.report')} <code>{job.fileName}</code> <StatusTag status={job.status} />
      </h2>
      <progress max={100} value={percent} aria-label={t('imports.progress')}>
        {percent}%
      </progress>
      <p role="status">
        {t('imports.countsValue', {
          accepted: job.accepted,
          unchanged: job.unchanged,
          rejected: job.rejected,
          total: job.total,
        })}
      </p>
      {job.status === 'rejected' && <p className="notice notice-error">{t('imports.nothingImported')}</p>}
      {job.status === 'failed' && <p className="notice notice-error">{t('imports.failedNotice')}</p>}
      {job.issues.length > 0 && <IssueTable caption={t('imports.errors')} issues={job.issues} />}
      {job.warningCount > 0 && (
        <>
          <h3 id="warnings-title">{t('imports.warnings')}</h3>
          <p className="notice">{warningsNote(job, t)}</p>
          <IssueTable caption={t('imports.warnings')} issues={job.warnings} labelledBy="warnings-title" />
        </>
      )}
    </section>
  );
}

/** Lines of the file with their field and reason: the refused ones, or those imported with a warning. */
function IssueTable({
  caption,
  issues,
  labelledBy = 'report-title',
}: {
  caption: string;
  issues: Job['issues'];
  labelledBy?: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <TableScroll labelledBy={labelledBy}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('imports.line')}</th>
            <th scope="col">{t('imports.field')}</th>
            <th scope="col">{t('imports.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {issues.map((issue, i) => (
            <tr key={`${issue.line}-${i}`}>
              {/* Line 0: about the whole file (an import interrupted), not one of its lines. */}
              <td>{issue.line > 0 ? issue.line : '—'}</td>
              <td>{issue.field ?? '—'}</td>
              <td>{reasonText(issue, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/**
 * A refused line's reason in the page's language: the API gives each in English (`reason`) and, when the
 * reason has a code, in Chinese (`reasonZh`), both from the server's one table (modules/hub core/reasons.ts).
 */
export function reasonText(issue: Job['issues'][number], language: string): string {
  return language === 'en' ? issue.reason : (issue.reasonZh ?? issue.reason);
}
