import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Me } from '../../../contracts/auth.ts';
import { api, ApiError } from '../../lib/api.ts';

interface SessionState {
  me: Me | null;
  /** True until the first /api/me answer (or cache) is in. */
  loading: boolean;
  /** The profile shown came from the offline cache. */
  fromCache: boolean;
  signedIn(me: Me): void;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/** Who is signed in, from /api/me; the service worker's cache keeps it available offline. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<{ me: Me | null; loading: boolean; fromCache: boolean }>({ me: null, loading: true, fromCache: false });
  useEffect(() => {
    api<Me>('GET', '/api/me').then(
      (r) => setState({ me: r.data, loading: false, fromCache: r.fromCache }),
      (e: unknown) => setState({ me: null, loading: false, fromCache: e instanceof ApiError && e.code === 'offline' }),
    );
  }, []);
  const signedIn = useCallback((me: Me) => setState({ me, loading: false, fromCache: false }), []);
  const logout = useCallback(async () => {
    await api('POST', '/api/auth/logout').catch(() => {});
    // The cached profile and pages belong to this person: drop them with the session.
    if ('caches' in window) await caches.delete('setu-api').catch(() => {});
    setState({ me: null, loading: false, fromCache: false });
  }, []);
  const value = useMemo(() => ({ ...state, signedIn, logout }), [state, signedIn, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
