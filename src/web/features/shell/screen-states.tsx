import { Component, useEffect, useRef, type ReactNode } from 'react';
import type { ApiError } from '../../lib/api.ts';
import { errorMessages } from '../../lib/error-messages.ts';
import { useT } from '../../lib/i18n.tsx';
import { hasNavigated, Link } from '../../lib/router.tsx';
import { Banner, Button } from '../../ui/components.tsx';
import { shellMessages } from './messages.ts';

/**
 * A screen's heading that takes focus when the person arrives from another screen, so screen readers announce the
 * new page (not after a full load: the browser starts at the top of the document there).
 */
export function ScreenTitle({ children, focusKey, lang }: { children: string; focusKey?: string | number; lang?: string }) {
  const t = useT(shellMessages);
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (hasNavigated()) ref.current?.focus({ preventScroll: true });
  }, [focusKey]);
  // The tab and the history list name the screen too.
  useEffect(() => {
    document.title = `${children} · ${t('brand')}`;
  }, [children, t]);
  return (
    // `lang` when the title is in the other language than the screen (a directive written only in Hindi).
    <h1 ref={ref} tabIndex={-1} lang={lang}>
      {children}
    </h1>
  );
}

/** What a screen shows for an address that does not exist or is outside the person's area (the server's 404). */
export function NotFoundPage({ message }: { message?: string }) {
  const t = useT(shellMessages);
  return (
    <main>
      <h1>{t('notFoundTitle')}</h1>
      <p>{message ?? t('notFound')}</p>
      <div className="actions">
        <Link className="button" href="/">
          {t('goHome')}
        </Link>
      </div>
    </main>
  );
}

/** A read that failed for another reason than 404: the server's message in the person's language, and a retry. */
export function LoadError({ error, onRetry }: { error: ApiError; onRetry(): void }) {
  const t = useT(shellMessages);
  const te = useT(errorMessages);
  const code = (error.code in errorMessages.en ? error.code : 'internal') as keyof typeof errorMessages.en;
  return (
    <main>
      <h1>{t('loadFailed')}</h1>
      <Banner kind="error">{te(code)}</Banner>
      <div className="actions">
        <Button onClick={onRetry}>{t('retry')}</Button>
        <Link className="button secondary" href="/">
          {t('goHome')}
        </Link>
      </div>
    </main>
  );
}

function ScreenFailed() {
  const t = useT(shellMessages);
  return (
    <main>
      <h1>{t('loadFailed')}</h1>
      <Banner kind="error">{t('screenFailed')}</Banner>
      <div className="actions">
        <Button onClick={() => location.reload()}>{t('retry')}</Button>
      </div>
    </main>
  );
}

/**
 * Catches a screen that failed to render, typically a lazily loaded screen whose code could not be fetched
 * (offline before it was ever opened), so the rest of the app keeps working.
 */
export class ScreenBoundary extends Component<{ children: ReactNode; resetKey: string }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidUpdate(prev: { resetKey: string }) {
    if (prev.resetKey !== this.props.resetKey && this.state.failed) this.setState({ failed: false });
  }
  override render() {
    return this.state.failed ? <ScreenFailed /> : this.props.children;
  }
}
