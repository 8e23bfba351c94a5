/** One tracing task: its status and moves, assignee, notes and history, and the contacts behind it. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { transitions, type TaskStatus } from './TasksPage';

export function TaskDetail({
  id,
  canManage,
  onClose,
}: {
  id: string;
  canManage: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const heading = useRef<HTMLHeadingElement>(null);
  const [note, setNote] = useState('');
  const [assignee, setAssignee] = useState('');
  const task = useQuery({
    queryKey: ['tracing-task', id],
    queryFn: () => api.get('/api/v1/tracing/tasks/{id}', { params: { id } }),
  });
  useEffect(() => heading.current?.focus(), [id]);
  useEffect(() => setAssignee(task.data?.assignee ?? ''), [task.data?.assignee]);
  const refresh = () =>
    client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('tracing-task') });
  const move = useMutation({
    mutationFn: (status: TaskStatus) =>
      api.post('/api/v1/tracing/tasks/{id}/move', { params: { id }, body: { status } }),
    onSuccess: refresh,
  });
  const saveNote = useMutation({
    mutationFn: () =>
      api.post('/api/v1/tracing/tasks/{id}/notes', { params: { id }, body: { note: note.trim() } }),
    onSuccess: () => {
      setNote('');
      return refresh();
    },
  });
  const assign = useMutation({
    mutationFn: () =>
      api.post('/api/v1/tracing/tasks/{id}/assign', {
        params: { id },
        body: { assignee: assignee.trim() || null },
      }),
    onSuccess: refresh,
  });
  const submitNote = (event: FormEvent) => {
    event.preventDefault();
    if (note.trim()) saveNote.mutate();
  };
  const submitAssignee = (event: FormEvent) => {
    event.preventDefault();
    assign.mutate();
  };
  const data = task.data;
  return (
    <section className="panel task-detail" aria-labelledby="task-detail-title">
      <h2 id="task-detail-title" tabIndex={-1} ref={heading}>
        {t('tracing.tasks.details', { person: data?.personRef ?? '…' })}
      </h2>
      <button type="button" className="button" onClick={onClose}>
        {t('tracing.tasks.close')}
      </button>
      {data && (
        <>
          <p>
            <span className="tag">{t(`tracing.common.statuses.${data.status}`)}</span> ·{' '}
            {t(`tracing.common.degree${data.degree}`)} · {t('tracing.tasks.cases', { count: data.caseCount })}
            {data.quarantinedAt &&
              ` · ${t('tracing.tasks.quarantinedAt')} ${formatDateTime(data.quarantinedAt, i18n.language)}`}
            {data.personId && (
              <>
                {' · '}
                <a href={`/hub/persons?person=${encodeURIComponent(data.personId)}`}>
                  {t('tracing.common.openPerson', { id: data.personId })}
                </a>
              </>
            )}
          </p>
          {canManage && transitions[data.status].length > 0 && (
            <div className="row-actions" role="group" aria-label={t('tracing.tasks.moveTo')}>
              {transitions[data.status].map((next) => (
                <button
                  key={next}
                  type="button"
                  className="button"
                  disabled={move.isPending}
                  onClick={() => move.mutate(next)}
                >
                  {t('tracing.tasks.move', { status: t(`tracing.common.statuses.${next}`) })}
                </button>
              ))}
            </div>
          )}
          {move.isSuccess && (
            <p role="status" className="notice notice-ok">
              {t('tracing.tasks.moved', { status: t(`tracing.common.statuses.${move.data.status}`) })}
            </p>
          )}
          {canManage && (
            <form className="field-inline" onSubmit={submitAssignee}>
              <label htmlFor="task-assignee">{t('tracing.tasks.assignee')}</label>
              <input id="task-assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)} />
              <button type="submit" className="button">
                {t('tracing.tasks.assign')}
              </button>
            </form>
          )}
          {canManage && (
            <form onSubmit={submitNote}>
              <div className="field">
                <label htmlFor="task-note">{t('tracing.tasks.noteLabel')}</label>
                <textarea id="task-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
              </div>
              <button type="submit" className="button" disabled={saveNote.isPending || !note.trim()}>
                {t('tracing.tasks.saveNote')}
              </button>
            </form>
          )}
          <h3>{t('tracing.tasks.history')}</h3>
          <ol className="task-history">
            {data.history.map((h) => (
              <li key={h.id}>
                {formatDateTime(h.at, i18n.language)} · {t(`tracing.tasks.actions.${h.action}`)}
                {h.toStatus
                  ? ` → ${t(`tracing.common.statuses.${h.toStatus}`, { defaultValue: h.toStatus })}`
                  : ''}
                {h.action === 'assigned'
                  ? ` ${String(h.detail['assignee'] ?? t('tracing.tasks.unassigned'))}`
                  : ''}
                {h.note ? ` — ${h.note}` : ''} <span className="hint">({h.actor})</span>
              </li>
            ))}
          </ol>
          <h3>{t('tracing.cases.contactsTitle')}</h3>
          <ul>
            {data.contacts.map((c) => (
              <li key={c.id}>
                {t(`tracing.common.degree${c.degree}`)} ·{' '}
                <a href={`/tracing/cases?case=${encodeURIComponent(c.casePersonId)}`}>{c.casePersonId}</a> ·{' '}
                {formatDateTime(c.firstExposureAt, i18n.language)} · {t(`tracing.common.sources.${c.source}`)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
