import { idbTable, openIdb } from '../../lib/idb.ts';
import type { QueuedEntry, QueueStore } from './queue.ts';

/**
 * The queue on the device: IndexedDB (it survives reloads, closing the browser and the phone restarting), through
 * lib/idb.ts. Where IndexedDB will not open (some private modes), localStorage.
 */
const DB_NAME = 'setu-capture';
const STORE = 'queue';
const FALLBACK_KEY = 'setu.capture.queue';

/** An IndexedDB store: each call is its own transaction, complete (on disk) before the promise resolves. */
export function indexedDbStore(db: IDBDatabase): QueueStore {
  return idbTable<QueuedEntry>(db, STORE);
}

/** The same queue as one JSON array in a Storage (localStorage), for browsers without a usable IndexedDB. */
export function storageStore(storage: Pick<Storage, 'getItem' | 'setItem'>, key = FALLBACK_KEY): QueueStore {
  const read = (): QueuedEntry[] => {
    try {
      const parsed: unknown = JSON.parse(storage.getItem(key) ?? '[]');
      return Array.isArray(parsed) ? (parsed as QueuedEntry[]) : [];
    } catch {
      return [];
    }
  };
  return {
    all: async () => read(),
    put: async (entry) => storage.setItem(key, JSON.stringify([...read().filter((e) => e.clientId !== entry.clientId), entry])),
    delete: async (clientId) => storage.setItem(key, JSON.stringify(read().filter((e) => e.clientId !== clientId))),
  };
}

let opened: Promise<QueueStore> | undefined;

/** The device's queue store, opened once per page. */
export function openQueueStore(): Promise<QueueStore> {
  opened ??= openIdb(DB_NAME, { [STORE]: 'clientId' }).then(
    async (db) => {
      const store = indexedDbStore(db);
      // Entries saved while IndexedDB would not open move in now, so none is left behind.
      const stranded = storageStore(localStorage);
      for (const e of await stranded.all()) {
        await store.put(e);
        await stranded.delete(e.clientId);
      }
      return store;
    },
    () => storageStore(localStorage),
  );
  return opened;
}
