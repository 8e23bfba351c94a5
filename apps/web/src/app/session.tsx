/** The signed-in session: who the user is, what they may do, and sign-in/sign-out. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken, setPurpose, type ResponseOf } from '../api/client';

export type SessionInfo = ResponseOf<'/api/v1/auth/me'>;

interface SessionValue {
  session: SessionInfo | null;
  loading: boolean;
  signIn: (username: string, password: string) => Promise<SessionInfo>;
  signOut: () => Promise<void>;
  choosePurpose: (purpose: string) => void;
}

const SessionContext = createContext<SessionValue | null>(null);

async function fetchSession(): Promise<SessionInfo | null> {
  try {
    const info = await api.get('/api/v1/auth/me');
    setCsrfToken(info.csrfToken);
    return info;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return null;
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const query = useQuery({ queryKey: ['session'], queryFn: fetchSession, staleTime: 60_000, retry: false });

  const signIn = useCallback(
    async (username: string, password: string) => {
      const info = await api.post('/api/v1/auth/login', { body: { username, password, mode: 'cookie' } });
      setCsrfToken(info.csrfToken);
      setPurpose(info.purposes[0] ?? null);
      client.setQueryData(['session'], info);
      return info;
    },
    [client],
  );

  const signOut = useCallback(async () => {
    await api.post('/api/v1/auth/logout').catch(() => undefined);
    setCsrfToken(null);
    setPurpose(null);
    client.clear();
    client.setQueryData(['session'], null);
  }, [client]);

  const choosePurpose = useCallback(
    (purpose: string) => {
      setPurpose(purpose);
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
    },
    [client],
  );

  const value = useMemo<SessionValue>(
    () => ({ session: query.data ?? null, loading: query.isPending, signIn, signOut, choosePurpose }),
    [query.data, query.isPending, signIn, signOut, choosePurpose],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
