/**
 * IndexedDB in a few lines of our own rather than a library: what the phone keeps survives reloads, closing the
 * browser and the phone restarting. Each call is its own transaction, complete (on disk) before its promise resolves.
 */

/** An IDBRequest as a promise. */
export function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** Opens (or creates) a database whose object stores are keyed by the given key paths (`{ queue: 'clientId' }`). */
export function openIdb(name: string, stores: Record<string, string>): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      for (const [store, keyPath] of Object.entries(stores)) if (!db.objectStoreNames.contains(store)) db.createObjectStore(store, { keyPath });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB did not open'));
    request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
}

/** Runs one request in its own durable transaction on one store, resolving once the transaction is complete. */
export function idbRunner(db: IDBDatabase) {
  return async <T>(store: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const tx = db.transaction(store, mode, { durability: 'strict' });
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    });
    const [result] = await Promise.all([promised(fn(tx.objectStore(store))), done]);
    return result;
  };
}

/** A store of records read whole, written and deleted by key: what a queue needs. */
export function idbTable<T>(db: IDBDatabase, store: string) {
  const run = idbRunner(db);
  return {
    all: () => run(store, 'readonly', (s) => s.getAll() as IDBRequest<T[]>),
    put: async (item: T) => void (await run(store, 'readwrite', (s) => s.put(item))),
    delete: async (key: IDBValidKey | IDBKeyRange) => void (await run(store, 'readwrite', (s) => s.delete(key))),
  };
}
