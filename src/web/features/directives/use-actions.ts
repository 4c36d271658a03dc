import { useSyncExternalStore } from 'react';
import { getActionsState, subscribeActions, type ActionsState } from './sync.ts';

/** The acknowledgement queue as the screens show it; re-renders as actions are saved, sent or refused. */
export function useActions(): ActionsState {
  return useSyncExternalStore(subscribeActions, getActionsState);
}
