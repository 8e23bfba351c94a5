/** Providers and routes of the web app. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LoginPage } from '../features/auth/LoginPage';
import { HomePage } from '../features/home/HomePage';
import { pages } from '../features/pages';
import { PlaceholderPage } from '../features/placeholder/PlaceholderPage';
import { homePathFor, navigation, type NavItem } from './navigation';
import { SessionProvider, useSession } from './session';
import { Shell } from './Shell';
import type { ReactElement } from 'react';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

function Guarded({ item }: { item: NavItem }) {
  const { session } = useSession();
  const { t } = useTranslation();
  if (!session) return null;
  if (!item.anyOf.some((p) => session.permissions.includes(p))) {
    return (
      <p role="alert" className="notice notice-error">
        {t('errors.forbidden')}
      </p>
    );
  }
  const Page = pages[item.key];
  return Page ? <Page /> : <PlaceholderPage item={item} />;
}

function RequireSession({ children }: { children: ReactElement }) {
  const { session, loading } = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  if (loading) return <p className="loading">{t('common.loading')}</p>;
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return children;
}

function Landing() {
  const { session } = useSession();
  return <Navigate to={session ? homePathFor(session.permissions) : '/login'} replace />;
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <section className="page">
      <h1>{t('errors.notFound')}</h1>
      <a href="/">{t('errors.backHome')}</a>
    </section>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <BrowserRouter>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route
              element={
                <RequireSession>
                  <Shell />
                </RequireSession>
              }
            >
              <Route index element={<Landing />} />
              <Route path="/home" element={<HomePage />} />
              {navigation.flatMap((section) =>
                section.items.map((item) => (
                  <Route key={item.path} path={item.path} element={<Guarded item={item} />} />
                )),
              )}
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </SessionProvider>
    </QueryClientProvider>
  );
}
