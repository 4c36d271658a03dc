import { Suspense, useEffect } from 'react';
import { useT } from './lib/i18n.tsx';
import { match, usePath } from './lib/router.tsx';
import { LoginPage, useSession } from './features/auth/index.ts';
import { HomePage } from './features/home/index.ts';
import { CoveragePage, preloadOrgScreens, UnitPage } from './features/org/index.ts';
import { NotFoundPage, ScreenBoundary, Shell, shellMessages } from './features/shell/index.ts';

/** The page's own title (index.html); screens with a heading of their own replace it while they are open. */
const BASE_TITLE = document.title;

/** A unit id in a path: digits only; anything else is not a page. */
const unitId = (params: Record<string, string> | null) => (params?.id && /^\d{1,10}$/.test(params.id) ? params.id : null);

/** Routes: signed out, every path shows the login; signed in, the screens below. */
export function App() {
  const path = usePath();
  const { me, loading } = useSession();
  const t = useT(shellMessages);
  const signedIn = Boolean(me);
  useEffect(() => {
    document.title = BASE_TITLE;
  }, [path]);
  useEffect(() => {
    if (!signedIn) return;
    // After the first screen is up: the organisation screens' code, so they open later even offline.
    const handle = setTimeout(preloadOrgScreens, 1500);
    return () => clearTimeout(handle);
  }, [signedIn]);

  const busy = <main aria-busy="true">{t('loading')}</main>;
  let screen;
  let id: string | null;
  if (loading) screen = busy;
  else if (!me) screen = <LoginPage />;
  else if (match('/', path)) screen = <HomePage />;
  else if ((id = unitId(match('/units/:id', path)))) screen = <UnitPage key={`unit-${id}`} id={id} />;
  else if ((id = unitId(match('/units/:id/coverage', path)))) screen = <CoveragePage key={`coverage-${id}`} id={id} />;
  else screen = <NotFoundPage />;
  return (
    <Shell>
      <ScreenBoundary resetKey={path}>
        <Suspense fallback={busy}>{screen}</Suspense>
      </ScreenBoundary>
    </Shell>
  );
}
