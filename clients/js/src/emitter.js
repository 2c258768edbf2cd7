// A minimal typed-event emitter that works the same in browsers and Node (no EventTarget subclassing,
// whose event objects differ between the two).

export class Emitter {
  #listeners = new Map();

  /** Adds a listener; returns a function that removes it. */
  on(type, listener) {
    if (!this.#listeners.has(type)) this.#listeners.set(type, new Set());
    this.#listeners.get(type).add(listener);
    return () => this.off(type, listener);
  }

  off(type, listener) {
    this.#listeners.get(type)?.delete(listener);
  }

  /** Resolves with the next event of the type. */
  once(type) {
    return new Promise((resolve) => {
      const off = this.on(type, (event) => {
        off();
        resolve(event);
      });
    });
  }

  emit(type, event) {
    for (const listener of [...(this.#listeners.get(type) ?? [])]) {
      try {
        listener(event);
      } catch (error) {
        // One application listener that throws must not stop the others or the client.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
