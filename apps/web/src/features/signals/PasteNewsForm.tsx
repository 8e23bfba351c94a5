/**
 * Entering a news item by hand: title and text (the language is recognised from the script), with an
 * optional link, source and date. The answer says whether it is about an outbreak and which signal it
 * joined or started. Nothing typed is lost when the server refuses it.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type ResponseOf } from '../../api/client';
import { issueReason } from '../../api/issue-reason';
import { useRefreshSignals } from './SignalDetail';

type Report = ResponseOf<'/api/v1/news', 'post'>;
type FieldName = 'title' | 'text' | 'url' | 'source' | 'published';
const empty: Record<FieldName, string> = { title: '', text: '', url: '', source: '', published: '' };

export function PasteNewsForm({ onShowSignal }: { onShowSignal: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefreshSignals();
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState(false);
  const labels: Record<FieldName, string> = {
    title: t('signals.paste.titleLabel'),
    text: t('signals.paste.text'),
    url: t('signals.paste.url'),
    source: t('signals.paste.source'),
    published: t('signals.paste.published'),
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setFailure(null);
    setReport(null);
    setBusy(true);
    try {
      const result = await api.post('/api/v1/news', {
        body: {
          title: form.title,
          text: form.text,
          ...(form.url.trim() ? { url: form.url.trim() } : {}),
          ...(form.source.trim() ? { source: form.source.trim() } : {}),
          ...(form.published.trim() ? { published: form.published.trim() } : {}),
        },
      });
      setReport(result);
      setForm(empty);
      await refresh();
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(
          Object.fromEntries(error.issues.map((i) => [i.field ?? '', issueReason(i, i18n.language)])),
        );
        setFailure(
          error.issues.length > 0
            ? error.issues
                .map((i) => `${labels[i.field as FieldName] ?? i.field}: ${issueReason(i, i18n.language)}`)
                .join('; ')
            : error.message,
        );
      } else setFailure(String(error));
    } finally {
      setBusy(false);
    }
  };

  const input = (name: FieldName, multiline = false) => {
    const id = `paste-field-${name}`;
    const errorId = `${id}-error`;
    const common = {
      id,
      value: form[name],
      'aria-invalid': errors[name] ? true : undefined,
      'aria-describedby': errors[name] ? errorId : undefined,
    };
    return (
      <div className="field">
        <label htmlFor={id}>{labels[name]}</label>
        {multiline ? (
          <textarea {...common} rows={6} onChange={(e) => setForm({ ...form, [name]: e.target.value })} />
        ) : (
          <input {...common} onChange={(e) => setForm({ ...form, [name]: e.target.value })} />
        )}
        {errors[name] && (
          <span id={errorId} className="field-error">
            {labels[name]}: {errors[name]}
          </span>
        )}
      </div>
    );
  };

  const outcome = report?.items[0];
  return (
    <form
      id="paste-news"
      className="panel panel-wide"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="paste-heading"
      noValidate
    >
      <h2 id="paste-heading">{t('signals.paste.heading')}</h2>
      <p className="hint">{t('signals.paste.hint')}</p>
      {input('title')}
      {input('text', true)}
      {input('url')}
      {input('source')}
      {input('published')}
      {failure && (
        <p role="alert" className="notice notice-error">
          {failure}
        </p>
      )}
      {outcome && (
        <div role="status" className="notice notice-ok">
          {outcome.duplicate
            ? t('signals.paste.duplicate')
            : t('signals.paste.result', {
                language: t(`signals.languages.${outcome.lang}`),
                relevance: outcome.relevant ? t('signals.relevant') : t('signals.notRelevant'),
                score: t('signals.score', { score: outcome.score.toFixed(2) }),
              })}{' '}
          {outcome.signalId ? (
            <>
              {outcome.signalCreated
                ? t('signals.paste.resultSignalNew', { id: outcome.signalId })
                : t('signals.paste.resultSignal', { id: outcome.signalId })}{' '}
              <button type="button" className="link-button" onClick={() => onShowSignal(outcome.signalId!)}>
                {t('signals.paste.show')}
              </button>
            </>
          ) : (
            !outcome.duplicate && t('signals.paste.resultNoSignal')
          )}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('signals.paste.submit')}
        </button>
      </div>
    </form>
  );
}
