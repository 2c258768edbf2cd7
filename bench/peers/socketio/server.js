// The Socket.IO side of the benchmarks: the same service as the gateway's rooms, written the way a
// Socket.IO user would (sharded Redis adapter, one channel per room), so the two can be compared.
// Connections authenticate with the same HS256 token as the gateway (checked once, at connect).
//   PORT=... REDIS_URL=redis://127.0.0.1:6379 JWT_SECRET_KEY=... node --expose-gc server.js
// GET /bench/gc runs a full collection and answers process.memoryUsage(), so that the harness reads
// this node's memory after a GC as it does the gateway's (jcmd GC.run); like the whole peer, loopback only.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { createShardedAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';

const port = Number(process.env.PORT);
const secret = process.env.JWT_SECRET_KEY;

function verify(token) {
  const [header, payload, signature] = String(token ?? '').split('.');
  if (!signature) return null;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  return claims.exp * 1000 > Date.now() ? claims : null;
}

const publisher = createClient({ url: process.env.REDIS_URL });
const subscriber = publisher.duplicate();
await Promise.all([publisher.connect(), subscriber.connect()]);

// Socket.IO answers its own path (/socket.io/) and hands every other request to this listener.
const http = createServer((request, response) => {
  if (request.method !== 'GET' || request.url !== '/bench/gc') {
    response.writeHead(404).end();
    return;
  }
  if (typeof global.gc !== 'function') {
    response.writeHead(501, { 'content-type': 'text/plain' }).end('start node with --expose-gc');
    return;
  }
  // The second run collects what the first one's finalizers and weak callbacks released.
  global.gc();
  global.gc();
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  response.writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ rss, heapUsed, external, arrayBuffers }));
});
const io = new Server(http, {
  adapter: createShardedAdapter(publisher, subscriber, { subscriptionMode: 'dynamic' }),
  transports: ['websocket'],
  serveClient: false,
  perMessageDeflate: false,
});

io.use((socket, next) => {
  const claims = verify(socket.handshake.auth?.token);
  if (!claims) return next(new Error('unauthorized'));
  socket.data.user = claims.sub ?? claims.user_id;
  next();
});

io.on('connection', (socket) => {
  socket.on('join', (room, ack) => {
    socket.join(room);
    if (typeof ack === 'function') ack('ok');
  });
  socket.on('publish', (message) => {
    io.to(message.room).emit('message', { room: message.room, message: message.message, from: socket.data.user });
  });
});

http.listen(port, '127.0.0.1', () => console.log(`socket.io listening on ${port}`));
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => process.exit(0));
}
