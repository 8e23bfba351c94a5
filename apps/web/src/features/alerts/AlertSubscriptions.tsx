/** Subscribe to alerts (in-app or signed webhook) and read the in-app notifications routed to you. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { issueReason } from '../../api/issue-reason';
import { formatDateTime } from '../../components/format';
import { alertLevels, levelTagClass, type AlertLevel } from '../dashboard/levels';

export function AlertSubscriptions() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const inbox = useQuery({
    queryKey: ['alert-inbox'],
    queryFn: () => api.get('/api/v1/alerts/inbox', { query: { limit: 20 } }),
    refetchInterval: 60_000,
  });
  const [channel, setChannel] = useState<'in_app' | 'webhook'>('in_app');
  const [url, setUrl] = useState('');
  const [minLevel, setMinLevel] = useState<AlertLevel>('yellow');
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ secret: string | null } | null>(null);

  const subscribe = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const result = await api.post('/api/v1/alerts/subscriptions', {
        body: { channel, minLevel, ...(channel === 'webhook' ? { url } : {}) },
      });
      setCreated({ secret: result.secret });
    } catch (e) {
      setError(
        e instanceof ApiError
          ? e.issues.map((i) => `${i.field ?? ''}: ${issueReason(i, i18n.language)}`).join('; ') || e.message
          : String(e),
      );
    }
  };
  const markAllRead = async () => {
    const ids = inbox.data?.items.filter((n) => n.readAt === null).map((n) => n.id) ?? [];
    await api.post('/api/v1/alerts/inbox/read', { body: { ids } });
    await client.invalidateQueries({ queryKey: ['alert-inbox'] });
  };
  const eventName = (topic: string) =>
    t(`alerts.subscriptions.events.${topic.split('.').at(-1) ?? 'updated'}`);

  return (
    <div className="dashboard-grid board-section">
      <form
        className="panel board-panel"
        onSubmit={(e) => void subscribe(e)}
        aria-labelledby="subscribe-heading"
      >
        <h2 id="subscribe-heading">{t('alerts.subscriptions.heading')}</h2>
        <p className="muted">{t('alerts.subscriptions.explain')}</p>
        <div className="field">
          <label htmlFor="sub-channel">{t('alerts.subscriptions.channel')}</label>
          <select
            id="sub-channel"
            value={channel}
            onChange={(e) => setChannel(e.target.value as 'in_app' | 'webhook')}
          >
            <option value="in_app">{t('alerts.subscriptions.inApp')}</option>
            <option value="webhook">{t('alerts.subscriptions.webhook')}</option>
          </select>
        </div>
        {channel === 'webhook' && (
          <div className="field">
            <label htmlFor="sub-url">{t('alerts.subscriptions.url')}</label>
            <input id="sub-url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} />
          </div>
        )}
        <div className="field">
          <label htmlFor="sub-level">{t('alerts.subscriptions.minLevel')}</label>
          <select id="sub-level" value={minLevel} onChange={(e) => setMinLevel(e.target.value as AlertLevel)}>
            {alertLevels.map((l) => (
              <option key={l} value={l}>
                {t(`dashboard.levels.${l}`)}
              </option>
            ))}
          </select>
        </div>
        {error && (
          <p role="alert" className="notice notice-error">
            {error}
          </p>
        )}
        {created && (
          <p role="status" className="notice notice-ok">
            {t('alerts.subscriptions.created')}{' '}
            {created.secret && (
              <>
                {t('alerts.subscriptions.secret')} <code>{created.secret}</code>
              </>
            )}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            {t('alerts.subscriptions.create')}
          </button>
        </div>
      </form>
      <section className="panel board-panel" aria-labelledby="inbox-heading">
        <h2 id="inbox-heading">
          {t('alerts.subscriptions.inbox')}{' '}
          <span className="muted">
            {t('alerts.subscriptions.unread', { count: inbox.data?.unread ?? 0 })}
          </span>
        </h2>
        {!inbox.data || inbox.data.items.length === 0 ? (
          <p>{t('alerts.subscriptions.none')}</p>
        ) : (
          <>
            <ul className="compact-list">
              {inbox.data.items.map((n) => (
                <li key={n.id} className={n.readAt ? 'muted' : undefined}>
                  <span className={levelTagClass(n.level)}>{t(`dashboard.levels.${n.level}`)}</span>{' '}
                  {t('alerts.subscriptions.event', {
                    event: eventName(n.event),
                    indicator: t(`indicators.names.${n.indicator}`),
                    area: n.areaCode,
                  })}{' '}
                  <span className="muted">{formatDateTime(n.createdAt, i18n.language)}</span>
                </li>
              ))}
            </ul>
            <button type="button" className="button" onClick={() => void markAllRead()}>
              {t('alerts.subscriptions.markRead')}
            </button>
          </>
        )}
      </section>
    </div>
  );
}
