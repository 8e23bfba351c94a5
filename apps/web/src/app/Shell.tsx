/** The application shell: header with language switch, purpose of use and sign-out; role-aware side navigation. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { setPurpose } from '../api/client';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { isDelivered } from '../features/pages';
import { visibleNavigation } from './navigation';
import { useSession } from './session';

export function Shell() {
  const { t } = useTranslation();
  const { session, signOut, choosePurpose } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const [purpose, setPurposeState] = useState(session?.purposes[0] ?? '');

  useEffect(() => setMenuOpen(false), [location.pathname]);
  useEffect(() => {
    if (purpose) setPurpose(purpose);
  }, [purpose]);

  if (!session) return null;
  const sections = visibleNavigation(session.permissions);
  const area = session.user.areaCode ?? t('common.allAreas');

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="sidenav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          <span aria-hidden="true">☰</span>
          <span className="visually-hidden">{t('nav.menu')}</span>
        </button>
        <NavLink to="/" className="brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </NavLink>
        <div className="topbar-tools">
          {session.purposes.length > 1 && (
            <label className="inline-field">
              <span>{t('purposes.label')}</span>
              <select
                value={purpose}
                onChange={(e) => {
                  setPurposeState(e.target.value);
                  choosePurpose(e.target.value);
                }}
              >
                {session.purposes.map((p) => (
                  <option key={p} value={p}>
                    {t(`purposes.${p}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <LanguageSwitch />
          <span className="user-chip" title={t('auth.signedInAs', { name: session.user.displayName })}>
            <span className="user-name">{session.user.displayName}</span>
            <span className="user-role">
              {t(`roles.${session.user.role}`)} · {area}
            </span>
          </span>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              void signOut().then(() => navigate('/login'));
            }}
          >
            {t('auth.signOut')}
          </button>
        </div>
      </header>
      <div className="body">
        <nav id="sidenav" className={menuOpen ? 'sidenav open' : 'sidenav'} aria-label={t('nav.main')}>
          <NavLink to="/home" className="nav-link nav-home">
            {t('nav.home')}
          </NavLink>
          {sections.map((section) => (
            <div key={section.key} className="nav-section">
              <h2 className="nav-heading">{t(`nav.${section.key}`)}</h2>
              <ul>
                {section.items.map((item) => (
                  <li key={item.path}>
                    <NavLink to={item.path} className="nav-link">
                      {t(`nav.${item.key}`)}
                      {!isDelivered(item.key) && <span className="badge-soon" aria-hidden="true" />}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        <main id="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
