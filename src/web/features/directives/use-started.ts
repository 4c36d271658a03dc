import { useEffect } from 'react';
import { startInBackground } from './background.ts';

/**
 * Makes sure the queue and the inbox sync run for the signed-in worker. The app starts them on open (index.ts); if
 * that code could not be fetched then (offline, never opened), the screen that needs them starts them itself.
 */
export function useStarted(personId: number | undefined): void {
  useEffect(() => {
    if (personId !== undefined) startInBackground(personId);
  }, [personId]);
}
