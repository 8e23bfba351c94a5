/**
 * The tracing task board: one column per status (identified, notified, quarantined, released, lost), each
 * task a card with the moves it may make; a task opens with its history, contacts, assignee and notes.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { api, type ResponseOf } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { TaskDetail } from './TaskDetail';
import './tracing.css';

type Task = ResponseOf<'/api/v1/tracing/tasks'>['items'][number];
export type TaskStatus = Task['status'];

export const statuses: readonly TaskStatus[] = ['identified', 'notified', 'quarantined', 'released', 'lost'];
export const transitions: Record<TaskStatus, readonly TaskStatus[]> = {
  identified: ['notified', 'quarantined', 'lost'],
  notified: ['quarantined', 'lost'],
  quarantined: ['released', 'lost'],
  released: [],
  lost: [],
};

export function TasksPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const canManage = session?.permissions.includes('tracing:manage') ?? false;
  const [degree, setDegree] = useState<'' | '1' | '2'>('');
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const counts = useQuery({
    queryKey: ['tracing-task-counts'],
    queryFn: () => api.get('/api/v1/tracing/tasks/counts'),
  });
  const find = (event: FormEvent) => {
    event.preventDefault();
    setQ(search.trim());
  };
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('tracing.tasks.title')}</h1>
      <p className="lead">{t('tracing.tasks.intro')}</p>
      {!canManage && <p className="hint">{t('tracing.tasks.readOnly')}</p>}
      <div className="datatable-toolbar">
        <form role="search" onSubmit={find}>
          <label className="inline-field" htmlFor="task-search">
            <span>{t('tracing.tasks.search')}</span>
          </label>
          <input id="task-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          <button type="submit" className="button">
            {t('tracing.tasks.searchButton')}
          </button>
        </form>
        <label className="inline-field">
          <span>{t('tracing.tasks.degreeFilter')}</span>
          <select value={degree} onChange={(e) => setDegree(e.target.value as '' | '1' | '2')}>
            <option value="">{t('tracing.tasks.anyDegree')}</option>
            <option value="1">{t('tracing.common.degree1')}</option>
            <option value="2">{t('tracing.common.degree2')}</option>
          </select>
        </label>
      </div>
      {open && <TaskDetail id={open} canManage={canManage} onClose={() => setOpen(null)} />}
      <div className="task-board" aria-label={t('tracing.tasks.board')} role="region">
        {statuses.map((status) => (
          <TaskColumn
            key={status}
            status={status}
            count={counts.data?.[status] ?? 0}
            degree={degree}
            q={q}
            canManage={canManage}
            onOpen={setOpen}
          />
        ))}
      </div>
    </section>
  );
}

function TaskColumn(props: {
  status: TaskStatus;
  count: number;
  degree: '' | '1' | '2';
  q: string;
  canManage: boolean;
  onOpen: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [limit, setLimit] = useState(10);
  const tasks = useQuery({
    queryKey: ['tracing-tasks', props.status, props.degree, props.q, limit],
    queryFn: () =>
      api.get('/api/v1/tracing/tasks', {
        query: {
          status: props.status,
          limit,
          offset: 0,
          order: 'desc',
          ...(props.degree ? { degree: Number(props.degree) } : {}),
          ...(props.q ? { q: props.q } : {}),
        },
      }),
  });
  const move = useMutation({
    mutationFn: (request: { id: string; status: TaskStatus }) =>
      api.post('/api/v1/tracing/tasks/{id}/move', {
        params: { id: request.id },
        body: { status: request.status },
      }),
    onSuccess: () =>
      client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('tracing-task') }),
  });
  const headingId = `column-${props.status}`;
  const statusName = t(`tracing.common.statuses.${props.status}`);
  return (
    <section className={`task-column task-column-${props.status}`} aria-labelledby={headingId}>
      <h2 id={headingId}>{t('tracing.tasks.column', { status: statusName, count: props.count })}</h2>
      {move.error && (
        <p role="alert" className="notice notice-error">
          {(move.error as Error).message}
        </p>
      )}
      <ul className="task-cards">
        {tasks.data?.items.map((task) => (
          <li key={task.id} className="task-card" data-testid="task-card">
            <button type="button" className="link-button" onClick={() => props.onOpen(task.id)}>
              <code>{task.personRef}</code>
            </button>
            <div>
              <span className={`tag ${task.degree === 1 ? 'tag-close' : 'tag-secondary'}`}>
                {t(`tracing.common.degree${task.degree}`)}
              </span>{' '}
              {t('tracing.tasks.cases', { count: task.caseCount })}
            </div>
            <div className="hint">
              {t('tracing.common.lastExposure')} {formatDateTime(task.lastExposureAt, i18n.language)}
              {task.assignee ? ` · ${task.assignee}` : ''}
            </div>
            {props.canManage && transitions[task.status].length > 0 && (
              <div
                className="row-actions"
                role="group"
                aria-label={`${t('tracing.tasks.moveTo')} — ${task.personRef}`}
              >
                {transitions[task.status].map((next) => (
                  <button
                    key={next}
                    type="button"
                    className="button"
                    disabled={move.isPending}
                    onClick={() => move.mutate({ id: task.id, status: next })}
                  >
                    {t('tracing.tasks.move', { status: t(`tracing.common.statuses.${next}`) })}
                  </button>
                ))}
              </div>
            )}
          </li>
        ))}
        {tasks.data && tasks.data.items.length === 0 && <li className="hint">{t('tracing.tasks.empty')}</li>}
      </ul>
      {tasks.data && tasks.data.total > tasks.data.items.length && (
        <button type="button" className="button" onClick={() => setLimit(limit + 10)}>
          {t('tracing.tasks.more')}
        </button>
      )}
    </section>
  );
}
