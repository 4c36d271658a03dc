import { useSyncExternalStore } from 'react';
import { getQueueState, subscribeQueue, type QueueState } from '../sync.ts';

/** The queue as the screens show it; re-renders as entries are saved, sent or refused. */
export function useQueue(): QueueState {
  return useSyncExternalStore(subscribeQueue, getQueueState);
}
