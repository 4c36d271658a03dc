import { useEffect, useRef, useState } from 'react';
import { api, asApiError, type ApiError } from '../../lib/api.ts';
import type { Coverage } from './types.ts';

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'closed';

/**
 * A directive's coverage at a unit, kept live: one GET for the first figures (answered from the service worker's
 * copy when offline), then the server-sent `coverage` events (EventSource reconnects by itself after a drop). The
 * newer of the two wins, by the server's `at`.
 */
export function useCoverageStream(directiveId: string, unitId: string | undefined) {
  const [data, setData] = useState<Coverage>();
  const [error, setError] = useState<ApiError>();
  const [fromCache, setFromCache] = useState(false);
  const [live, setLive] = useState<LiveState>('connecting');
  const [tick, setTick] = useState(0);
  const latest = useRef<{ unit: number; at: number } | null>(null);

  useEffect(() => {
    let on = true;
    const query = unitId ? `?unitId=${encodeURIComponent(unitId)}` : '';
    const take = (next: Coverage, cached: boolean) => {
      // An answer older than what is shown (the GET arriving after the first event) does not replace it.
      const at = Date.parse(next.at);
      const seen = latest.current;
      if (seen && seen.unit === next.unit.id && seen.at > at) return;
      latest.current = { unit: next.unit.id, at };
      setData(next);
      setFromCache(cached);
    };
    setError(undefined);
    api<Coverage>('GET', `/api/directives/${directiveId}/coverage${query}`).then(
      (r) => on && take(r.data, r.fromCache),
      (e: unknown) => on && setError(asApiError(e)),
    );
    if (typeof EventSource === 'undefined') {
      setLive('closed');
      return () => void (on = false);
    }
    setLive('connecting');
    const source = new EventSource(`/api/directives/${directiveId}/coverage/stream${query}`, { withCredentials: true });
    source.addEventListener('open', () => on && setLive('live'));
    source.addEventListener('coverage', (e) => {
      if (!on) return;
      try {
        take(JSON.parse((e as MessageEvent<string>).data) as Coverage, false);
        setError(undefined);
        setLive('live');
      } catch {
        // A malformed event: the next one will do.
      }
    });
    source.addEventListener('error', () => on && setLive(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting'));
    return () => {
      on = false;
      source.close();
    };
  }, [directiveId, unitId, tick]);

  const current = data && (unitId === undefined || String(data.unit.id) === unitId) ? data : undefined;
  return { data: current, error, fromCache, live, retry: () => setTick((n) => n + 1) };
}
