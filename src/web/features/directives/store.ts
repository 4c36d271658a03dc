import { idbRunner, idbTable, openIdb } from '../../lib/idb.ts';
import { memoryActionStore, type ActionStore, type QueuedAction } from './action-queue.ts';

/**
 * The directives' data on the device, in IndexedDB (it survives reloads, closing the browser and the phone
 * restarting): `cache` keeps the inbox and each directive as last read, so they open with no connection; `actions`
 * is the queue of acknowledgements and reports waiting to be sent (photos as Blobs). Where IndexedDB will not open
 * (some private modes), memory: the screens still work, and nothing survives a reload.
 */
const DB_NAME = 'setu-directives';
const CACHE = 'cache';
const ACTIONS = 'actions';

/** A copy of an answer as it was read, and when. */
export interface Cached<T> {
  key: string;
  data: T;
  savedAt: string;
}

export interface CacheStore {
  get<T>(key: string): Promise<Cached<T> | undefined>;
  put<T>(key: string, data: T): Promise<void>;
  /** Drops every copy belonging to one person (signing out). */
  clear(personId: number): Promise<void>;
}

export interface DirectivesStore {
  cache: CacheStore;
  actions: ActionStore;
  /** Whether the queue can keep a photo (a Blob) until it is sent: IndexedDB can, memory loses it on reload. */
  durable: boolean;
}

const ownedBy = (personId: number) => IDBKeyRange.bound(`${personId}:`, `${personId}:\uffff`);

export function indexedDbStore(db: IDBDatabase): DirectivesStore {
  const run = idbRunner(db);
  return {
    durable: true,
    cache: {
      get: <T>(key: string) => run(CACHE, 'readonly', (s) => s.get(key) as IDBRequest<Cached<T> | undefined>),
      put: async (key, data) => void (await run(CACHE, 'readwrite', (s) => s.put({ key, data, savedAt: new Date().toISOString() }))),
      clear: async (personId) => void (await run(CACHE, 'readwrite', (s) => s.delete(ownedBy(personId)))),
    },
    actions: idbTable<QueuedAction>(db, ACTIONS),
  };
}

/** The same in memory, for a browser without a usable IndexedDB. */
export function memoryStore(): DirectivesStore {
  const cache = new Map<string, Cached<unknown>>();
  return {
    durable: false,
    cache: {
      get: async <T>(key: string) => cache.get(key) as Cached<T> | undefined,
      put: async (key, data) => void cache.set(key, { key, data, savedAt: new Date().toISOString() }),
      clear: async (personId) => {
        for (const k of [...cache.keys()]) if (k.startsWith(`${personId}:`)) cache.delete(k);
      },
    },
    actions: memoryActionStore(),
  };
}

let opened: Promise<DirectivesStore> | undefined;

/** The device's store, opened once per page. */
export function openDirectivesStore(): Promise<DirectivesStore> {
  opened ??= openIdb(DB_NAME, { [CACHE]: 'key', [ACTIONS]: 'key' }).then(indexedDbStore, () => memoryStore());
  return opened;
}

/** The cache keys, one place: they start with the person's id so that signing out drops exactly theirs. */
export const cacheKeys = {
  inbox: (personId: number) => `${personId}:inbox`,
  sent: (personId: number) => `${personId}:sent`,
  directive: (personId: number, id: number) => `${personId}:directive:${id}`,
};
