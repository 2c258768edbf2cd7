// Where the outbox keeps its entries. Both stores have the same three async methods; entries are
// plain objects with a string `id` (the client message_id) and a numeric `seq` (send order).

/** Entries in memory: the default in Node, and the fallback where IndexedDB is missing. */
export class MemoryOutboxStore {
  #entries = new Map();

  async load() {
    return [...this.#entries.values()].sort((a, b) => a.seq - b.seq);
  }

  async put(entry) {
    this.#entries.set(entry.id, entry);
  }

  async delete(id) {
    this.#entries.delete(id);
  }
}

/**
 * Entries in an IndexedDB object store, so that messages written while offline survive a reload.
 * Every operation is its own readwrite transaction; IndexedDB runs readwrite transactions on one
 * store in the order they were created, which keeps puts in send order.
 */
export class IndexedDbOutboxStore {
  #db;

  /** @param {string} name database name: one outbox per name (tabs of one app share it) */
  constructor(name, indexedDB = globalThis.indexedDB) {
    this.#db = new Promise((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore("entries", { keyPath: "id" });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async load() {
    const entries = await this.#run("readonly", (store) => store.getAll());
    return entries.sort((a, b) => a.seq - b.seq);
  }

  async put(entry) {
    await this.#run("readwrite", (store) => store.put(entry));
  }

  async delete(id) {
    await this.#run("readwrite", (store) => store.delete(id));
  }

  async #run(mode, operation) {
    const db = await this.#db;
    return new Promise((resolve, reject) => {
      const transaction = db.transaction("entries", mode);
      const request = operation(transaction.objectStore("entries"));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  }
}

/** IndexedDB where the platform has it (browsers), memory otherwise (Node). */
export function defaultOutboxStore(name) {
  return globalThis.indexedDB ? new IndexedDbOutboxStore(name) : new MemoryOutboxStore();
}
