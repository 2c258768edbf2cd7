// Where the outbox keeps its entries, and the client its stream positions. Both stores have the
// same async methods. Entries are plain objects with a string `id` (the client message_id) and a
// numeric `seq` (send order); positions are `{stream, position: {offset, epoch}}` records.

/** Entries and positions in memory: the default in Node, and the fallback where IndexedDB is missing. */
export class MemoryOutboxStore {
  #entries = new Map();
  #positions = new Map();

  async load() {
    return [...this.#entries.values()].sort((a, b) => a.seq - b.seq);
  }

  async put(entry) {
    this.#entries.set(entry.id, entry);
  }

  async delete(id) {
    this.#entries.delete(id);
  }

  async loadPositions() {
    return [...this.#positions].map(([stream, position]) => ({ stream, position }));
  }

  /** @param {{stream: string, position: {offset: number, epoch: string} | null}[]} changes null removes */
  async savePositions(changes) {
    for (const { stream, position } of changes) {
      if (position) this.#positions.set(stream, { ...position });
      else this.#positions.delete(stream);
    }
  }
}

/**
 * Entries and positions in IndexedDB, so that messages written while offline, and how far each
 * stream was received, survive a reload. Every operation is its own readwrite transaction; IndexedDB
 * runs readwrite transactions on one store in the order they were created, which keeps puts in send
 * order.
 */
export class IndexedDbOutboxStore {
  #db;

  /** @param {string} name database name: one outbox per name (tabs of one app share it) */
  constructor(name, indexedDB = globalThis.indexedDB) {
    this.#db = new Promise((resolve, reject) => {
      // Version 2 added the positions; a version 1 database keeps its entries.
      const request = indexedDB.open(name, 2);
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains("entries")) db.createObjectStore("entries", { keyPath: "id" });
        if (!db.objectStoreNames.contains("positions")) db.createObjectStore("positions", { keyPath: "stream" });
      };
      request.onsuccess = () => {
        // A later version opened elsewhere (another tab's newer SDK) must not wait for this page.
        request.result.onversionchange = () => request.result.close();
        resolve(request.result);
      };
      request.onerror = () => reject(request.error);
    });
  }

  async load() {
    const entries = await this.#run("entries", "readonly", (store) => store.getAll());
    return entries.sort((a, b) => a.seq - b.seq);
  }

  async put(entry) {
    await this.#run("entries", "readwrite", (store) => store.put(entry));
  }

  async delete(id) {
    await this.#run("entries", "readwrite", (store) => store.delete(id));
  }

  async loadPositions() {
    return this.#run("positions", "readonly", (store) => store.getAll());
  }

  /** All changes in one transaction: a reload finds all of them or none. */
  async savePositions(changes) {
    await this.#run("positions", "readwrite", (store) => {
      for (const { stream, position } of changes) {
        if (position) store.put({ stream, position });
        else store.delete(stream);
      }
    });
  }

  async #run(storeName, mode, operation) {
    const db = await this.#db;
    return new Promise((resolve, reject) => {
      const transaction = db.transaction(storeName, mode);
      const request = operation(transaction.objectStore(storeName));
      transaction.oncomplete = () => resolve(request?.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  }
}

/** IndexedDB where the platform has it (browsers), memory otherwise (Node). */
export function defaultOutboxStore(name) {
  return globalThis.indexedDB ? new IndexedDbOutboxStore(name) : new MemoryOutboxStore();
}
