/** The sign-in page. What the user typed stays in the form when sign-in fails. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { homePathFor } from '../../app/navigation';
import { useSession } from '../../app/session';
import { LanguageSwitch } from '../../components/LanguageSwitch';

export function LoginPage() {
  const { t } = useTranslation();
  const { session, signIn } = useSession();
  const navigate = useNavigate();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (session) return <Navigate to={homePathFor(session.permissions)} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username || !password) {
      setError(t('common.required', { field: !username ? t('auth.username') : t('auth.password') }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const info = await signIn(username, password);
      void navigate(homePathFor(info.permissions), { replace: true });
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 429
          ? t('auth.tooMany')
          : e instanceof ApiError && e.status === 401
            ? t('auth.wrong')
            : t('common.error'),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <main className="login-card">
        <div className="login-brand">
          <img src="/favicon.svg" alt="" width={48} height={48} />
          <div>
            <h1>{t('app.name')}</h1>
            <p>{t('app.tagline')}</p>
          </div>
        </div>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <h2>{t('auth.title')}</h2>
          <div className="field">
            <label htmlFor="username">{t('auth.username')}</label>
            <input
              id="username"
              name="username"
              autoComplete="username"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              required
            />
          </div>
          <div className="field">
            <label htmlFor="password">{t('auth.password')}</label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          </div>
          {error && (
            <p role="alert" className="notice notice-error">
              {error}
            </p>
          )}
          <button type="submit" className="button button-primary button-wide" disabled={busy}>
            {busy ? t('auth.signingIn') : t('auth.submit')}
          </button>
          <p className="hint">{t('auth.demoHint')}</p>
        </form>
      </main>
    </div>
  );
}
