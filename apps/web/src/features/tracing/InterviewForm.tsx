/** Adds an exposure an investigator learned in an interview: the contact gets a tracing task like any other. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { issueReason } from '../../api/issue-reason';

const kinds = ['other', 'venue', 'trip', 'stay', 'household'] as const;

/** A `datetime-local` value (China time) as ISO 8601 with offset. */
function withOffset(local: string): string {
  return `${local}:00+08:00`;
}

export function InterviewForm({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState({
    personRef: '',
    degree: '1',
    kind: 'other',
    placeId: '',
    from: '',
    to: '',
    viaRef: '',
    note: '',
  });
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [field]: e.target.value });
  const save = useMutation({
    mutationFn: () =>
      api.post('/api/v1/tracing/cases/{personId}/exposures', {
        params: { personId },
        body: {
          personRef: form.personRef.trim(),
          degree: form.degree === '2' ? 2 : 1,
          kind: form.kind as (typeof kinds)[number],
          placeId: form.placeId.trim() || 'interview',
          from: withOffset(form.from),
          to: withOffset(form.to),
          ...(form.viaRef.trim() ? { viaRef: form.viaRef.trim() } : {}),
          ...(form.note.trim() ? { note: form.note.trim() } : {}),
        },
      }),
    onSuccess: () =>
      client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('tracing') }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const issues = save.error instanceof ApiError ? save.error.issues : [];
  const fieldError = (field: string) => {
    const issue = issues.find((i) => i.field === field);
    return issue && issueReason(issue, i18n.language);
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="interview-title">
      <h2 id="interview-title">{t('tracing.cases.addExposure')}</h2>
      <p className="hint">{t('tracing.cases.addExposureIntro')}</p>
      <div className="field">
        <label htmlFor="iv-person">{t('tracing.cases.personRef')}</label>
        <input
          id="iv-person"
          required
          value={form.personRef}
          onChange={set('personRef')}
          aria-invalid={!!fieldError('personRef')}
        />
        {fieldError('personRef') && <span className="field-error">{fieldError('personRef')}</span>}
      </div>
      <div className="field">
        <label htmlFor="iv-degree">{t('tracing.common.degree')}</label>
        <select id="iv-degree" value={form.degree} onChange={set('degree')}>
          <option value="1">{t('tracing.common.degree1')}</option>
          <option value="2">{t('tracing.common.degree2')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="iv-kind">{t('tracing.cases.kind')}</label>
        <select id="iv-kind" value={form.kind} onChange={set('kind')}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`tracing.common.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="iv-place">{t('tracing.cases.placeId')}</label>
        <input id="iv-place" value={form.placeId} onChange={set('placeId')} />
      </div>
      <div className="field">
        <label htmlFor="iv-from">{t('tracing.cases.from')}</label>
        <input id="iv-from" type="datetime-local" required value={form.from} onChange={set('from')} />
      </div>
      <div className="field">
        <label htmlFor="iv-to">{t('tracing.cases.to')}</label>
        <input
          id="iv-to"
          type="datetime-local"
          required
          value={form.to}
          onChange={set('to')}
          aria-invalid={!!fieldError('to')}
        />
        {fieldError('to') && <span className="field-error">{fieldError('to')}</span>}
      </div>
      {form.degree === '2' && (
        <div className="field">
          <label htmlFor="iv-via">{t('tracing.cases.viaRef')}</label>
          <input id="iv-via" value={form.viaRef} onChange={set('viaRef')} />
          {fieldError('viaRef') && <span className="field-error">{fieldError('viaRef')}</span>}
        </div>
      )}
      <div className="field">
        <label htmlFor="iv-note">{t('tracing.cases.note')}</label>
        <textarea id="iv-note" value={form.note} onChange={set('note')} rows={2} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {t('tracing.cases.save')}
        </button>
      </div>
      {save.isSuccess && (
        <p role="status" className="notice notice-ok">
          {t('tracing.cases.saved')}
        </p>
      )}
      {save.error && !issues.length && (
        <p role="alert" className="notice notice-error">
          {(save.error as Error).message}
        </p>
      )}
    </form>
  );
}
