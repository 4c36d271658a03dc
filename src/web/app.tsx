import { useT } from './lib/i18n.tsx';
import { match, usePath } from './lib/router.tsx';
import { LoginPage, useSession } from './features/auth/index.ts';
import { HomePage } from './features/home/index.ts';
import { Shell, shellMessages } from './features/shell/index.ts';

/** Routes: signed out, every path shows the login; signed in, the screens below. */
export function App() {
  const path = usePath();
  const { me, loading } = useSession();
  const t = useT(shellMessages);
  let screen;
  if (loading) screen = <main aria-busy="true">{t('loading')}</main>;
  else if (!me) screen = <LoginPage />;
  else if (match('/', path)) screen = <HomePage />;
  else
    screen = (
      <main>
        <p>{t('notFound')}</p>
      </main>
    );
  return <Shell>{screen}</Shell>;
}
