/** Every news item stored, relevant or not (both are evidence), filtered by relevance and language. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ResponseOf } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { formatPublished } from './signal-format';

type NewsItem = ResponseOf<'/api/v1/news'>['items'][number];

export function NewsItemsTab({ onShowSignal }: { onShowSignal: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const [relevant, setRelevant] = useState<'' | 'true' | 'false'>('');
  const [lang, setLang] = useState<'' | 'zh' | 'en'>('');
  const columns: Column<NewsItem>[] = [
    {
      key: 'title',
      header: t('signals.columns.title'),
      sort: 'title',
      render: (i) => (
        <span lang={i.lang === 'zh' ? 'zh-CN' : 'en'}>
          {i.url ? (
            <a href={i.url} target="_blank" rel="noopener noreferrer">
              {i.title}
            </a>
          ) : (
            i.title
          )}
        </span>
      ),
    },
    { key: 'source', header: t('signals.columns.source'), render: (i) => i.source ?? t('signals.none') },
    {
      key: 'published',
      header: t('signals.columns.published'),
      sort: 'published',
      render: (i) => formatPublished(i.published, i18n.language),
    },
    { key: 'lang', header: t('signals.columns.language'), render: (i) => t(`signals.languages.${i.lang}`) },
    {
      key: 'relevance',
      header: t('signals.columns.relevance'),
      sort: 'score',
      render: (i) => (
        <span className={i.relevant ? 'tag tag-signal-new' : 'tag tag-signal-dismissed'}>
          {i.relevant ? t('signals.relevant') : t('signals.notRelevant')} {i.score.toFixed(2)}
        </span>
      ),
    },
    {
      key: 'signal',
      header: t('signals.columns.signal'),
      render: (i) =>
        i.signalId ? (
          <button type="button" className="link-button" onClick={() => onShowSignal(i.signalId!)}>
            {i.signalId}
          </button>
        ) : (
          t('signals.none')
        ),
    },
  ];
  const filterKey = `signals-news-${relevant}-${lang}`;
  return (
    <DataTable
      key={filterKey}
      id={filterKey}
      caption={t('signals.tabs.items')}
      columns={columns}
      rowKey={(i) => i.id}
      defaultOrder="desc"
      fetchPage={(q) =>
        api.get('/api/v1/news', {
          query: { ...q, ...(relevant ? { relevant } : {}), ...(lang ? { lang } : {}) },
        })
      }
      toolbar={
        <>
          <label className="inline-field">
            <span>{t('signals.filters.relevance')}</span>
            <select value={relevant} onChange={(e) => setRelevant(e.target.value as '' | 'true' | 'false')}>
              <option value="">{t('signals.filters.anyRelevance')}</option>
              <option value="true">{t('signals.relevant')}</option>
              <option value="false">{t('signals.notRelevant')}</option>
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
