import { useEffect, useState } from 'react';
import { api, asApiError, type ApiError } from '../../lib/api.ts';
import type { Audience, Preview } from './types.ts';

const PAUSE_MS = 500;

/**
 * The preview of a send, kept up to date as the unit and audience change: asked after a short pause (ticking three
 * boxes is one request on 2G), the last answer kept on screen while the next is counted.
 */
export function usePreview(unitId: number | undefined, audience: Audience, online: boolean) {
  const request = unitId !== undefined && audience.levels.length > 0 ? JSON.stringify({ unitId, audience }) : null;
  const [settled, setSettled] = useState(request);
  const [state, setState] = useState<{ data?: Preview; error?: ApiError; busy: boolean; for?: string }>({ busy: false });

  useEffect(() => {
    const handle = setTimeout(() => setSettled(request), PAUSE_MS);
    return () => clearTimeout(handle);
  }, [request]);

  useEffect(() => {
    if (!settled || !online) return;
    let live = true;
    setState((s) => ({ ...s, busy: true }));
    api<Preview>('POST', '/api/directives/preview', JSON.parse(settled) as unknown).then(
      (r) => live && setState({ data: r.data, busy: false, for: settled }),
      (e: unknown) => live && setState((s) => ({ ...s, error: asApiError(e), busy: false, for: settled })),
    );
    return () => {
      live = false;
    };
  }, [settled, online]);

  const current = state.for === request;
  return {
    /** The answer for exactly the unit and audience now on screen (a send is offered only then). */
    data: current && !state.error ? state.data : undefined,
    /** The last answer, for while the next is counted. */
    last: state.data,
    error: current ? state.error : undefined,
    busy: state.busy || (request !== null && request !== settled),
    ready: request !== null,
  };
}
