/** An honest empty state for a page whose module has not been delivered yet: no fake data. */
import { useTranslation } from 'react-i18next';
import type { NavItem } from '../../app/navigation';

export function PlaceholderPage({ item }: { item: NavItem }) {
  const { t } = useTranslation();
  const title = t(`nav.${item.key}`);
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{title}</h1>
      <div className="empty-state">
        <div className="empty-icon" aria-hidden="true">
          ◌
        </div>
        <h2>{t('placeholder.title', { module: title })}</h2>
        <p>{t('placeholder.body')}</p>
        <h3>{t('placeholder.plannedTitle')}</h3>
        <p>{t(`modules.${item.key}`)}</p>
      </div>
    </section>
  );
}
