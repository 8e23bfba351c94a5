/**
 * A data source's lifecycle on the data sources page: its state (disabled with why, consumer only, or how
 * fresh its feed is) and the confirmation to disable (with a reason) or enable it.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type ResponseOf } from '../../api/client';
import { issueReason } from '../../api/issue-reason';
import { formatDateTime } from '../../components/format';

type SourceQuality = ResponseOf<'/api/v1/sources/quality'>['items'][number];
export type SourceView = SourceQuality['source'];

/**
 * What the state column says: a disabled source and a consumer-only one are never "silent" (one may not
 * send, the other never does), so their state comes first.
 */
export function SourceState({ row }: { row: SourceQuality }) {
  const { t, i18n } = useTranslation();
  const { source, health } = row;
  if (!source.active)
    return (
      <span
        className="tag tag-failure"
        title={t('sourceLifecycle.disabledTitle', {
          at: formatDateTime(source.disabledAt, i18n.language),
          reason: source.disabledReason ?? '',
        })}
      >
        {t('sourceLifecycle.disabled')}
      </span>
    );
  if (source.consumerOnly)
    return (
      <span className="tag" title={t('sourceLifecycle.consumerOnlyTitle')}>
        {t('sourceLifecycle.consumerOnlyTag')}
      </span>
    );
  return (
    <span title={t('hub.sources.expectedInterval', { hours: source.expectedIntervalHours })}>
      {health.silent ? (
        <span className="tag tag-failure">
          {health.lastRecordAt
            ? t('hub.sources.silent', { hours: Math.floor(health.silentForHours ?? 0) })
            : t('hub.sources.never')}
        </span>
      ) : (
        <span className="tag tag-success">{t('hub.sources.ok')}</span>
      )}
    </span>
  );
}

/** Confirms disabling (a reason is required) or enabling a source; the table refreshes once it is done. */
export function SourceStateForm({
  source,
  onDone,
}: {
  source: SourceView;
  onDone: (message: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const disabling = source.active;
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The form opens below a table that may be long: bring it into view with the first thing to fill in.
  const reasonBox = useRef<HTMLTextAreaElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => (reasonBox.current ?? confirm.current)?.focus(), []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (disabling && reason.trim().length < 3) {
      setReasonError(t('sourceLifecycle.reasonRequired'));
      return;
    }
    setReasonError(null);
    setBusy(true);
    try {
      if (disabling)
        await api.post('/api/v1/sources/{id}/disable', {
          params: { id: source.id },
          body: { reason: reason.trim() },
        });
      else await api.post('/api/v1/sources/{id}/enable', { params: { id: source.id } });
      await client.invalidateQueries({ queryKey: ['sources-quality'] });
      onDone(
        t(disabling ? 'sourceLifecycle.disabledOk' : 'sourceLifecycle.enabledOk', { name: source.name }),
      );
    } catch (e) {
      // The reason as typed stays in the box; the server's answer names what was wrong.
      if (e instanceof ApiError) {
        const onReason = e.issues.find((i) => i.field === 'reason');
        if (onReason)
          setReasonError(`${t('sourceLifecycle.reason')}: ${issueReason(onReason, i18n.language)}`);
        else setError(e.issues.map((i) => issueReason(i, i18n.language)).join('; ') || e.message);
      } else setError(String(e));
    } finally {
      setBusy(false);
    }
  };
  const titleId = 'source-state-title';
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} aria-labelledby={titleId} noValidate>
      <h2 id={titleId}>
        {t(disabling ? 'sourceLifecycle.disableTitle' : 'sourceLifecycle.enableTitle', { name: source.name })}
      </h2>
      <p>{t(disabling ? 'sourceLifecycle.disableExplain' : 'sourceLifecycle.enableExplain')}</p>
      {disabling && (
        <div className="field">
          <label htmlFor="source-disable-reason">{t('sourceLifecycle.reason')}</label>
          <textarea
            ref={reasonBox}
            id="source-disable-reason"
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? 'source-disable-reason-error' : 'source-disable-reason-hint'}
          />
          {reasonError ? (
            <span id="source-disable-reason-error" className="field-error">
              {reasonError}
            </span>
          ) : (
            <span id="source-disable-reason-hint" className="hint">
              {t('sourceLifecycle.reasonHint')}
            </span>
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="notice notice-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button ref={confirm} type="submit" className="button button-primary" disabled={busy}>
          {t(disabling ? 'sourceLifecycle.confirmDisable' : 'sourceLifecycle.confirmEnable')}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
