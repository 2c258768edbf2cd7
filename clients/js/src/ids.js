// Client message ids: a random prefix per client instance plus a counter, so that ids of two
// instances (two tabs, a reloaded page) never collide within the gateway's de-duplication window.

/** Returns a function that gives a new id on every call. */
export function idSource() {
  const prefix = randomHex();
  let counter = 0;
  return () => `${prefix}-${(counter++).toString(36)}`;
}

/** 16 random hex characters; crypto.getRandomValues works in insecure browser contexts too. */
function randomHex() {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}
