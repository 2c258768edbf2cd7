// The browser's online / offline events (Node has none: nothing to watch there).

/**
 * Calls `onOffline` / `onOnline` on the platform's network events; returns a function that stops
 * watching (a no-op where the platform has no such events).
 */
export function watchNetwork({ onOffline, onOnline }) {
  if (typeof globalThis.addEventListener !== "function") return () => {};
  globalThis.addEventListener("offline", onOffline);
  globalThis.addEventListener("online", onOnline);
  return () => {
    globalThis.removeEventListener("offline", onOffline);
    globalThis.removeEventListener("online", onOnline);
  };
}

/** False only where the platform knows it has no network (a browser offline). */
export function isOnline() {
  return globalThis.navigator?.onLine !== false;
}
