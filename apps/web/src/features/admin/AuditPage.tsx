/** The audit trail for auditors: every recorded access, newest first, and verification of the hash chain. */
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type ResponseOf } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { formatDateTime } from '../../components/format';

type Entry = ResponseOf<'/api/v1/audit'>['items'][number];

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const verify = useMutation({ mutationFn: () => api.get('/api/v1/audit/verify') });
  const columns: Column<Entry>[] = [
    { key: 'seq', header: t('audit.seq'), sort: 'seq', render: (e) => e.seq },
    { key: 'at', header: t('audit.at'), sort: 'at', render: (e) => formatDateTime(e.at, i18n.language) },
    { key: 'actor', header: t('audit.actor'), sort: 'actor', render: (e) => <code>{e.actorId}</code> },
    {
      key: 'role',
      header: t('audit.role'),
      render: (e) => t(`roles.${e.actorRole}`, { defaultValue: e.actorRole }),
    },
    {
      key: 'purpose',
      header: t('audit.purpose'),
      render: (e) => t(`purposes.${e.purpose}`, { defaultValue: e.purpose }),
    },
    { key: 'action', header: t('audit.action'), sort: 'action', render: (e) => <code>{e.action}</code> },
    {
      key: 'resource',
      header: t('audit.resource'),
      render: (e) => `${e.resourceType}${e.resourceId ? ` ${e.resourceId}` : ''}`,
    },
    {
      key: 'outcome',
      header: t('audit.outcome'),
      render: (e) => (
        <span className={`tag tag-${e.outcome}`}>
          {t(`audit.outcomes.${e.outcome}`, { defaultValue: e.outcome })}
        </span>
      ),
    },
  ];
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('audit.title')}</h1>
      <p className="lead">{t('audit.intro')}</p>
      <div className="verify-row">
        <button
          type="button"
          className="button button-primary"
          onClick={() => verify.mutate()}
          disabled={verify.isPending}
        >
          {verify.isPending ? t('audit.verifying') : t('audit.verify')}
        </button>
        {verify.data && (
          <p role="status" className={verify.data.ok ? 'notice notice-ok' : 'notice notice-error'}>
            {verify.data.ok
              ? t('audit.intact', { count: verify.data.entries })
              : t('audit.broken', {
                  seq: verify.data.firstBreak?.seq,
                  message: verify.data.firstBreak?.message,
                })}
          </p>
        )}
      </div>
      <DataTable
        id="audit"
        caption={t('audit.title')}
        columns={columns}
        rowKey={(e) => String(e.seq)}
        fetchPage={(q) => api.get('/api/v1/audit', { query: q })}
        exportFrom={{ path: '/api/v1/audit' }}
        defaultOrder="desc"
      />
    </section>
  );
}
