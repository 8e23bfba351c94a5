/** The home page: who you are, your area, and the pages your role works with. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isDelivered } from '../../features/pages';
import { visibleNavigation } from '../../app/navigation';
import { useSession } from '../../app/session';

export function HomePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  if (!session) return null;
  const sections = visibleNavigation(session.permissions);
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('home.welcome', { name: session.user.displayName })}</h1>
      <p className="lead">
        {t('home.yourRole', {
          role: t(`roles.${session.user.role}`),
          area: session.user.areaCode ?? t('common.allAreas'),
        })}
      </p>
      <h2>{t('home.shortcuts')}</h2>
      <div className="card-grid">
        {sections.flatMap((s) =>
          s.items.map((item) => (
            <Link key={item.path} to={item.path} className="card card-link">
              <span className="card-kicker">{t(`nav.${s.key}`)}</span>
              <span className="card-title">{t(`nav.${item.key}`)}</span>
              {!isDelivered(item.key) && <span className="card-note">{t(`modules.${item.key}`)}</span>}
            </Link>
          )),
        )}
      </div>
    </section>
  );
}
