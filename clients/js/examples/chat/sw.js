// Keeps the chat page loadable without a network (a reload while offline shows the messages still
// waiting in the outbox): network first, the cached copy when the network fails.
const CACHE = "wsfleet-chat-v1";
const FILES = ["./", "index.html", "app.js", "style.css", "sdk/index.js", "sdk/client.js", "sdk/backoff.js",
  "sdk/close-codes.js", "sdk/emitter.js", "sdk/members.js", "sdk/outbox.js", "sdk/outbox-stores.js",
  "sdk/connection.js", "sdk/heartbeat.js", "sdk/ids.js", "sdk/network.js", "sdk/outbox-pump.js", "sdk/own-chats.js", "sdk/positions.js", "sdk/recovery.js",
  "sdk/requests.js", "sdk/rooms.js", "sdk/server-error.js"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== location.origin || url.pathname.endsWith("/token")) return;
  event.respondWith(fetch(event.request).catch(() => caches.match(event.request, { ignoreSearch: true })));
});
