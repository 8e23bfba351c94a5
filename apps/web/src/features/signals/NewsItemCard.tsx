/** One news item in a signal: title and text with the extracted facts highlighted, its source and what was found. */
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../api/client';
import { HighlightedItem } from './HighlightedText';
import { formatPublished, nameOf } from './signal-format';

type NewsItem = ResponseOf<'/api/v1/signals/{id}/items'>['items'][number];

export function NewsItemCard({ item }: { item: NewsItem }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const headingId = `news-${item.id}`;
  return (
    <article className="news-item" aria-labelledby={headingId} lang={item.lang === 'zh' ? 'zh-CN' : 'en'}>
      <HighlightedItem readText={item.readText} highlights={item.highlights} headingId={headingId} />
      <div className="news-meta" lang={language}>
        <span>{item.source ?? t('signals.none')}</span>
        <span>{formatPublished(item.published, language)}</span>
        <span>{t(`signals.languages.${item.lang}`)}</span>
        <span>
          {item.relevant ? t('signals.relevant') : t('signals.notRelevant')} ·{' '}
          {t('signals.score', { score: item.score.toFixed(2) })}
        </span>
        <span>{t(`signals.origins.${item.origin}`)}</span>
        {item.url && (
          <a href={item.url} target="_blank" rel="noopener noreferrer">
            {t('signals.detail.openLink')}
          </a>
        )}
      </div>
      <div className="chips" lang={language} role="group" aria-label={t('signals.detail.extracted')}>
        {item.diseases.map((d) => (
          <span key={d.id} className="tag">
            {nameOf(d, language)}
            {d.subtypes.length > 0 && ` ${d.subtypes.join(', ')}`}
          </span>
        ))}
        {item.places.map((p) => (
          <span key={`${p.scheme}:${p.code}`} className="tag">
            {nameOf(p, language)}
          </span>
        ))}
        {item.counts.map((c, i) => (
          <span key={i} className="tag">
            {t(`signals.counts.${c.measure}`, { value: c.value })}
          </span>
        ))}
      </div>
    </article>
  );
}
