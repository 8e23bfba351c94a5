/** The news feeds polled for items: register one, poll it now, pause or resume it, and see how its last poll went. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type ResponseOf } from '../../api/client';
import { issueReason } from '../../api/issue-reason';
import { DataTable, type Column } from '../../components/DataTable';
import { formatDateTime } from '../../components/format';
import { useRefreshSignals } from './SignalDetail';

type Feed = ResponseOf<'/api/v1/news/feeds'>['items'][number];

export function FeedsTab({ canManage }: { canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefreshSignals();
  const [message, setMessage] = useState<string | null>(null);
  const act = async (action: () => Promise<string>) => {
    try {
      setMessage(await action());
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
    await refresh();
  };
  const columns: Column<Feed>[] = [
    {
      key: 'feed',
      header: t('signals.columns.feed'),
      sort: 'title',
      render: (f) => (
        <>
          {f.title && <strong>{f.title}</strong>} <code>{f.url}</code>
        </>
      ),
    },
    {
      key: 'interval',
      header: t('signals.columns.interval'),
      render: (f) => t('signals.feeds.minutes', { count: f.intervalMinutes }),
    },
    {
      key: 'lastPoll',
      header: t('signals.columns.lastPoll'),
      sort: 'lastFetched',
      render: (f) =>
        f.lastFetchedAt ? (
          <>
            {formatDateTime(f.lastFetchedAt, i18n.language)}{' '}
            {f.lastStatus && (
              <span className={f.lastStatus === 'error' ? 'tag tag-failure' : 'tag tag-success'}>
                {t(`signals.feeds.statuses.${f.lastStatus}`)}
              </span>
            )}
            {f.lastError && <span className="hint"> {f.lastError}</span>}
          </>
        ) : (
          t('signals.feeds.never')
        ),
    },
    { key: 'items', header: t('signals.columns.itemsTotal'), render: (f) => f.itemsTotal },
    ...(canManage
      ? [
          {
            key: 'actions',
            header: t('common.actions'),
            render: (f: Feed) => (
              <span className="row-actions">
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    void act(async () => {
                      const polled = await api.post('/api/v1/news/feeds/{id}/poll', { params: { id: f.id } });
                      return polled.feed.lastStatus === 'error'
                        ? (polled.feed.lastError ?? t('signals.feeds.statuses.error'))
                        : t('signals.feeds.polled', { count: polled.ingest?.stored ?? 0 });
                    })
                  }
                >
                  {t('signals.feeds.pollNow')}
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    void act(async () => {
                      await api.post('/api/v1/news/feeds/{id}/active', {
                        params: { id: f.id },
                        body: { active: !f.active },
                      });
                      return t('signals.detail.saved');
                    })
                  }
                >
                  {f.active ? t('signals.feeds.pause') : t('signals.feeds.resume')}
                </button>
              </span>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      {canManage && <NewFeedForm onDone={refresh} />}
      {message && (
        <p role="status" className="notice">
          {message}
        </p>
      )}
      <DataTable
        id="signals-feeds"
        caption={t('signals.tabs.feeds')}
        columns={columns}
        rowKey={(f) => f.id}
        defaultOrder="desc"
        fetchPage={(q) => api.get('/api/v1/news/feeds', { query: q })}
      />
    </>
  );
}

function NewFeedForm({ onDone }: { onDone: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const [url, setUrl] = useState('');
  const [interval, setIntervalMinutes] = useState('60');
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [status, setStatus] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setStatus(null);
    try {
      await api.post('/api/v1/news/feeds', { body: { url: url.trim(), intervalMinutes: Number(interval) } });
      setUrl('');
      setStatus(t('signals.feeds.registered'));
      await onDone();
    } catch (error) {
      if (error instanceof ApiError)
        setErrors(
          error.issues.length > 0
            ? Object.fromEntries(error.issues.map((i) => [i.field ?? 'url', issueReason(i, i18n.language)]))
            : { url: error.message },
        );
    }
  };
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} aria-labelledby="feed-form-title" noValidate>
      <h2 id="feed-form-title">{t('signals.feeds.heading')}</h2>
      <div className="field">
        <label htmlFor="feed-url">{t('signals.feeds.url')}</label>
        <input
          id="feed-url"
          type="url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          aria-invalid={errors['url'] ? true : undefined}
          aria-describedby={errors['url'] ? 'feed-url-error' : undefined}
        />
        {errors['url'] && (
          <span id="feed-url-error" className="field-error">
            {t('signals.feeds.url')}: {errors['url']}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor="feed-interval">{t('signals.feeds.interval')}</label>
        <input
          id="feed-interval"
          type="number"
          min={5}
          max={1440}
          value={interval}
          onChange={(e) => setIntervalMinutes(e.target.value)}
          aria-invalid={errors['intervalMinutes'] ? true : undefined}
          aria-describedby={errors['intervalMinutes'] ? 'feed-interval-error' : undefined}
        />
        {errors['intervalMinutes'] && (
          <span id="feed-interval-error" className="field-error">
            {t('signals.feeds.interval')}: {errors['intervalMinutes']}
          </span>
        )}
      </div>
      {status && (
        <p role="status" className="notice notice-ok">
          {status}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          {t('signals.feeds.submit')}
        </button>
      </div>
    </form>
  );
}
