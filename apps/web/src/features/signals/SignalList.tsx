/** The paged, searchable list of signals, filtered by status, disease and language. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ResponseOf } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { nameOf, statusTagClass } from './signal-format';

type Signal = ResponseOf<'/api/v1/signals'>['items'][number];
type StatusFilter = '' | 'open' | 'new' | 'investigating' | 'confirmed' | 'dismissed' | 'merged';
const statusFilters: StatusFilter[] = ['open', 'new', 'investigating', 'confirmed', 'dismissed', 'merged'];

export function SignalList({ onOpen }: { onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<StatusFilter>('');
  const [disease, setDisease] = useState('');
  const [lang, setLang] = useState<'' | 'zh' | 'en'>('');
  const facets = useQuery({
    queryKey: ['signals-facets'],
    queryFn: () => api.get('/api/v1/signals/facets'),
  });
  const language = i18n.language;
  const columns: Column<Signal>[] = [
    {
      key: 'signal',
      header: t('signals.columns.signal'),
      render: (s) => (
        <button type="button" className="link-button" onClick={() => onOpen(s.id)}>
          {s.headline}
          <span className="visually-hidden"> — {t('signals.open', { id: s.id })}</span>
        </button>
      ),
    },
    {
      key: 'disease',
      header: t('signals.columns.disease'),
      render: (s) => nameOf(s.disease, language) ?? t('signals.unknownDisease'),
    },
    {
      key: 'place',
      header: t('signals.columns.place'),
      render: (s) => nameOf(s.place, language) ?? t('signals.unknownPlace'),
    },
    {
      key: 'firstSeen',
      header: t('signals.columns.firstSeen'),
      sort: 'firstSeen',
      render: (s) => s.firstSeen,
    },
    { key: 'lastSeen', header: t('signals.columns.lastSeen'), sort: 'lastSeen', render: (s) => s.lastSeen },
    { key: 'items', header: t('signals.columns.items'), sort: 'items', render: (s) => s.itemCount },
    {
      key: 'cases',
      header: t('signals.columns.cases'),
      sort: 'cases',
      render: (s) =>
        t('signals.casesDeaths', {
          cases: s.maxCases ?? t('signals.none'),
          deaths: s.maxDeaths ?? t('signals.none'),
        }),
    },
    {
      key: 'languages',
      header: t('signals.columns.languages'),
      render: (s) => s.languages.map((l) => t(`signals.languages.${l}`)).join('、'),
    },
    {
      key: 'status',
      header: t('signals.columns.status'),
      sort: 'status',
      render: (s) => <span className={statusTagClass[s.status]}>{t(`signals.statuses.${s.status}`)}</span>,
    },
  ];
  const filterKey = `signals-list-${status}-${disease}-${lang}`;
  return (
    <DataTable
      key={filterKey}
      id={filterKey}
      caption={t('signals.tabs.signals')}
      columns={columns}
      rowKey={(s) => s.id}
      defaultOrder="desc"
      fetchPage={(q) =>
        api.get('/api/v1/signals', {
          query: {
            ...q,
            ...(status ? { status } : {}),
            ...(disease ? { disease } : {}),
            ...(lang ? { lang } : {}),
          },
        })
      }
      toolbar={
        <>
          <label className="inline-field">
            <span>{t('signals.filters.status')}</span>
            <select value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
              <option value="">{t('signals.filters.anyStatus')}</option>
              {statusFilters.map((s) => (
                <option key={s} value={s}>
                  {s === 'open' ? t('signals.filters.open') : t(`signals.statuses.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="inline-field">
            <span>{t('signals.filters.disease')}</span>
            <select value={disease} onChange={(e) => setDisease(e.target.value)}>
              <option value="">{t('signals.filters.anyDisease')}</option>
              {facets.data?.diseases.map((d) => (
                <option key={d.id} value={d.id}>
                  {nameOf(d, language)} ({d.count})
                </option>
              ))}
            </select>
          </label>
          <label className="inline-field">
            <span>{t('signals.filters.language')}</span>
            <select value={lang} onChange={(e) => setLang(e.target.value as '' | 'zh' | 'en')}>
              <option value="">{t('signals.filters.anyLanguage')}</option>
              <option value="zh">{t('signals.languages.zh')}</option>
              <option value="en">{t('signals.languages.en')}</option>
            </select>
          </label>
        </>
      }
    />
  );
}
