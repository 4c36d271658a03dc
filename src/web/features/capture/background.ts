import { refreshNotices } from './notices.ts';
import { startCaptureQueue, stopCaptureQueue } from './sync.ts';

/** What runs for a signed-in worker whatever screen is open (loaded on demand by index.ts). */
export function startInBackground(personId: number): void {
  startCaptureQueue(personId);
  if (navigator.onLine) void refreshNotices();
}

export function stopInBackground(): void {
  stopCaptureQueue();
}
