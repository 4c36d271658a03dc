import { marks } from './attendance-sync.ts';

/** Loaded after the first screen: marks made offline are sent on app open, whatever screen it opens on. */
export const startInBackground = (personId: number) => marks.start(personId);
export const stopInBackground = () => marks.stop();
export const waiting = (personId: number) => marks.waitingOf(personId);
