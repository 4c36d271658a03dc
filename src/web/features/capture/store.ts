import type { QueuedEntry, QueueStore } from './queue.ts';

/**
 * The queue on the device: IndexedDB (it survives reloads, closing the browser and the phone restarting), through a
 * few lines of our own rather than a library. Where IndexedDB will not open (some private modes), localStorage.
 */
const DB_NAME = 'setu-capture';
const STORE = 'queue';
const FALLBACK_KEY = 'setu.capture.queue';

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE, { keyPath: 'clientId' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB did not open'));
    request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
}

/** An IndexedDB store: each call is its own transaction, complete (on disk) before the promise resolves. */
export function indexedDbStore(db: IDBDatabase): QueueStore {
  const run = async <T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const tx = db.transaction(STORE, mode, { durability: 'strict' });
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    });
    const [result] = await Promise.all([promised(fn(tx.objectStore(STORE))), done]);
    return result;
  };
  return {
    all: () => run('readonly', (s) => s.getAll() as IDBRequest<QueuedEntry[]>),
    put: async (entry) => void (await run('readwrite', (s) => s.put(entry))),
    delete: async (clientId) => void (await run('readwrite', (s) => s.delete(clientId))),
  };
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
  opened ??= openDb().then(
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
