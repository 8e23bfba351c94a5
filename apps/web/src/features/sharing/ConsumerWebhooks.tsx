/**
 * A consumer's webhooks, for the officer reviewing its agreements: where the change feed is pushed, which API
 * key subscribed each, and why one is paused (its key revoked or rotated, its agreement gone, its source
 * disabled) — a push of personal data must be as visible as a read.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type ResponseOf } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { TableScroll } from '../../components/TableScroll';

type Webhook = ResponseOf<'/api/v1/sharing/consumers/{id}/webhooks'>['items'][number];

export function ConsumerWebhooks({ sourceId }: { sourceId: string }) {
  const { t, i18n } = useTranslation();
  const webhooks = useQuery({
    queryKey: ['sharing', 'webhooks', sourceId],
    queryFn: () => api.get('/api/v1/sharing/consumers/{id}/webhooks', { params: { id: sourceId } }),
  });
  const statusTag = (w: Webhook) => (w.status === 'active' ? 'success' : 'failure');
  // The API gives why in English and in Chinese, from the server's one table of reasons (core/reasons.ts).
  const pauseText = (w: Webhook) =>
    i18n.language === 'en' ? w.pausedReason : (w.pausedReasonZh ?? w.pausedReason);
  return (
    <section aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">
        {t('sharing.webhooksOf')} <code>{sourceId}</code>
      </h2>
      {webhooks.data?.items.length === 0 && <p className="muted">{t('sharing.noWebhooks')}</p>}
      {(webhooks.data?.items.length ?? 0) > 0 && (
        <TableScroll labelledBy="webhooks-title">
          <table>
            <caption className="visually-hidden">{t('sharing.webhooksOf')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sharing.webhookUrl')}</th>
                <th scope="col">{t('purposes.label')}</th>
                <th scope="col">{t('sharing.subscribedBy')}</th>
                <th scope="col">{t('sharing.status')}</th>
                <th scope="col">{t('sharing.delivered')}</th>
              </tr>
            </thead>
            <tbody>
              {webhooks.data?.items.map((w) => (
                <tr key={w.id}>
                  <td>
                    <code>{w.url}</code>
                  </td>
                  <td>{t(`purposes.${w.purpose}`, { defaultValue: w.purpose })}</td>
                  <td>{w.createdByKey ? <code>{w.createdByKey}</code> : '—'}</td>
                  <td>
                    <span className={`tag tag-${statusTag(w)}`}>
                      {t(`sharing.webhookStatuses.${w.status}`, { defaultValue: w.status })}
                    </span>
                    {w.pausedReason && (
                      <small className="muted">
                        {' '}
                        {w.pausedAt ? formatDateTime(w.pausedAt, i18n.language) : ''} {pauseText(w)}
                      </small>
                    )}
                  </td>
                  <td>{w.delivered}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
