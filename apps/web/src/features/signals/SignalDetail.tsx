/**
 * One signal: its summary, the triage actions it allows (with a required note), merging another signal
 * into it, the decisions taken so far, and its news items with what extraction found highlighted.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type ResponseOf } from '../../api/client';
import { issueReason } from '../../api/issue-reason';
import { formatDateTime } from '../../components/format';
import { NewsItemCard } from './NewsItemCard';
import { nameOf, statusTagClass } from './signal-format';

type Detail = ResponseOf<'/api/v1/signals/{id}'>;

const ITEMS_PER_PAGE = 10;

/** Refreshes every signals query (lists, facets, details) after a change. */
export function useRefreshSignals(): () => Promise<void> {
  const client = useQueryClient();
  return () => client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('signals') });
}

export function SignalDetail({
  id,
  canTriage,
  onClose,
  onOpen,
}: {
  id: string;
  canTriage: boolean;
  onClose: () => void;
  onOpen: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const detail = useQuery({
    queryKey: ['signals-detail', id],
    queryFn: () => api.get('/api/v1/signals/{id}', { params: { id } }),
  });
  useEffect(() => heading.current?.focus(), [id]);
  const signal = detail.data;
  const language = i18n.language;
  return (
    <section className="panel signal-detail" aria-labelledby="signal-detail-title">
      <div className="signal-detail-head">
        <h2 id="signal-detail-title" ref={heading} tabIndex={-1}>
          {t('signals.detail.heading', { id })}
          {signal && <> — {signal.headline}</>}
        </h2>
        <button type="button" className="button" onClick={onClose}>
          {t('signals.detail.close')}
        </button>
      </div>
      {detail.isError && (
        <p role="alert" className="notice notice-error">
          {t('common.error')}: {(detail.error as Error).message}
        </p>
      )}
      {signal && (
        <div className="signal-columns">
          <div>
            <dl className="signal-facts">
              <dt>{t('signals.columns.status')}</dt>
              <dd>
                <span className={statusTagClass[signal.status]}>
                  {t(`signals.statuses.${signal.status}`)}
                </span>
                {signal.mergedInto && (
                  <>
                    {' '}
                    <button type="button" className="link-button" onClick={() => onOpen(signal.mergedInto!)}>
                      {t('signals.detail.mergedInto', { id: signal.mergedInto })}
                    </button>
                  </>
                )}
              </dd>
              <dt>{t('signals.columns.disease')}</dt>
              <dd>{nameOf(signal.disease, language) ?? t('signals.unknownDisease')}</dd>
              <dt>{t('signals.detail.places')}</dt>
              <dd>
                {signal.places.length === 0
                  ? t('signals.unknownPlace')
                  : signal.places.map((p) => `${nameOf(p, language)} (${p.code})`).join('、')}
              </dd>
              <dt>{t('signals.columns.firstSeen')}</dt>
              <dd>{t('signals.detail.seen', { first: signal.firstSeen, last: signal.lastSeen })}</dd>
              <dt>{t('signals.columns.cases')}</dt>
              <dd>
                {t('signals.casesDeaths', {
                  cases: signal.maxCases ?? t('signals.none'),
                  deaths: signal.maxDeaths ?? t('signals.none'),
                })}
              </dd>
              <dt>{t('signals.columns.languages')}</dt>
              <dd>{signal.languages.map((l) => t(`signals.languages.${l}`)).join('、')}</dd>
            </dl>
            {signal.retired && <p className="hint">{t('signals.detail.retired')}</p>}
            <SignalItems id={id} count={signal.itemCount} />
          </div>
          <div>
            {canTriage && <TriageForm signal={signal} />}
            <h3>{t('signals.detail.decisions')}</h3>
            {signal.triagedBy && signal.triagedAt && (
              <p className="hint">
                {t('signals.detail.triagedBy', {
                  name: signal.triagedBy,
                  at: formatDateTime(signal.triagedAt, language),
                })}
              </p>
            )}
            {signal.decisions.length === 0 ? (
              <p className="hint">{t('signals.detail.noDecisions')}</p>
            ) : (
              <ol className="decision-list">
                {signal.decisions.map((d) => (
                  <li key={d.id}>
                    <strong>{t(`signals.detail.decisionKinds.${d.kind}`)}</strong>{' '}
                    {t('signals.detail.decisionLine', {
                      from: t(`signals.statuses.${d.fromStatus}`),
                      to: t(`signals.statuses.${d.toStatus}`),
                    })}
                    {d.relatedSignalId && <> ({d.relatedSignalId})</>}
                    <br />
                    <span className="hint">
                      {d.actorName} · {formatDateTime(d.at, language)}
                    </span>
                    {d.note && <p>{d.note}</p>}
                  </li>
                ))}
              </ol>
            )}
          </div>
        </div>
      )}
    </section>
  );
}

function TriageForm({ signal }: { signal: Detail }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefreshSignals();
  const [note, setNote] = useState('');
  const [mergeId, setMergeId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    setSaved(false);
    setBusy(true);
    try {
      await action();
      setNote('');
      setMergeId('');
      setSaved(true);
      await refresh();
    } catch (e) {
      setError(
        e instanceof ApiError
          ? e.issues.map((i) => `${fieldLabel(i.field)}: ${issueReason(i, i18n.language)}`).join('; ') ||
              e.message
          : String(e),
      );
    } finally {
      setBusy(false);
    }
  };
  const fieldLabel = (field: string | undefined) =>
    field === 'note'
      ? t('signals.detail.note')
      : field === 'absorbedId'
        ? t('signals.detail.mergeId')
        : (field ?? '');

  return (
    <form
      className="triage-form"
      onSubmit={(e) => e.preventDefault()}
      aria-labelledby="triage-title"
      noValidate
    >
      <h3 id="triage-title">{t('signals.detail.triage')}</h3>
      <div className="field">
        <label htmlFor="triage-note">{t('signals.detail.note')}</label>
        <textarea id="triage-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      {signal.allowedTransitions.length === 0 ? (
        <p className="hint">{t('signals.detail.noMoves')}</p>
      ) : (
        <div className="form-actions">
          {signal.allowedTransitions.map((status) => (
            <button
              key={status}
              type="button"
              className={status === 'dismissed' ? 'button' : 'button button-primary'}
              disabled={busy}
              onClick={() =>
                void run(() =>
                  api.post('/api/v1/signals/{id}/triage', {
                    params: { id: signal.id },
                    body: { status, note },
                  }),
                )
              }
            >
              {t(`signals.detail.moveTo.${status}`)}
            </button>
          ))}
        </div>
      )}
      {signal.status !== 'merged' && (
        <>
          <h3>{t('signals.detail.merge')}</h3>
          <div className="field">
            <label htmlFor="merge-id">{t('signals.detail.mergeId')}</label>
            <input id="merge-id" value={mergeId} onChange={(e) => setMergeId(e.target.value.trim())} />
          </div>
          <button
            type="button"
            className="button"
            disabled={busy || mergeId === ''}
            onClick={() =>
              void run(() =>
                api.post('/api/v1/signals/{id}/merge', {
                  params: { id: signal.id },
                  body: { absorbedId: mergeId, note },
                }),
              )
            }
          >
            {t('signals.detail.mergeButton')}
          </button>
        </>
      )}
      {error && (
        <p role="alert" className="notice notice-error">
          {error}
        </p>
      )}
      {saved && (
        <p role="status" className="notice notice-ok">
          {t('signals.detail.saved')}
        </p>
      )}
    </form>
  );
}

function SignalItems({ id, count }: { id: string; count: number }) {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const items = useQuery({
    queryKey: ['signals-items', id, offset],
    queryFn: () =>
      api.get('/api/v1/signals/{id}/items', {
        params: { id },
        query: { limit: ITEMS_PER_PAGE, offset, sort: 'eventDate', order: 'asc' },
      }),
    placeholderData: (previous) => previous,
  });
  const total = items.data?.total ?? count;
  const pages = Math.max(1, Math.ceil(total / ITEMS_PER_PAGE));
  const page = Math.floor(offset / ITEMS_PER_PAGE) + 1;
  return (
    <section aria-labelledby="signal-items-title">
      <h3 id="signal-items-title">{t('signals.detail.items', { count: total })}</h3>
      <p className="hint">{t('signals.detail.legend')}</p>
      {items.data?.items.map((item) => (
        <NewsItemCard key={item.id} item={item} />
      ))}
      {pages > 1 && (
        <div className="pager">
          <button
            type="button"
            className="button"
            disabled={offset === 0}
            onClick={() => setOffset(offset - ITEMS_PER_PAGE)}
          >
            {t('common.previous')}
          </button>
          <span aria-live="polite">{t('common.pageOf', { page, pages })}</span>
          <button
            type="button"
            className="button"
            disabled={page >= pages}
            onClick={() => setOffset(offset + ITEMS_PER_PAGE)}
          >
            {t('common.next')}
          </button>
        </div>
      )}
    </section>
  );
}
