// A TCP proxy in front of the gateway that a test can break the way networks break: cut() drops
// every connection at once (both ends see it vanish without a close frame); while `frozen` the
// proxy forwards nothing but keeps the connections open (a black hole); while `repliesLost` it
// forwards what clients send but not what the gateway answers (acks that never arrive).

import { createServer, connect } from "node:net";

export class TcpProxy {
  #server;
  #sockets = new Set();
  frozen = false;
  repliesLost = false;

  static async start(targetPort) {
    const proxy = new TcpProxy();
    proxy.#server = createServer((client) => {
      const upstream = connect(targetPort, "127.0.0.1");
      proxy.#forward(client, upstream, () => proxy.frozen);
      proxy.#forward(upstream, client, () => proxy.frozen || proxy.repliesLost);
    });
    await new Promise((ok) => proxy.#server.listen(0, "127.0.0.1", ok));
    return proxy;
  }

  get port() {
    return this.#server.address().port;
  }

  get wsUrl() {
    return `ws://127.0.0.1:${this.port}/ws`;
  }

  #forward(from, to, dropping) {
    this.#sockets.add(from);
    from.on("data", (data) => dropping() || to.write(data));
    from.on("close", () => {
      this.#sockets.delete(from);
      to.destroy();
    });
    from.on("error", () => {});
  }

  /** Destroys every proxied connection at once (TCP reset, no close frame). */
  cut() {
    for (const socket of this.#sockets) socket.resetAndDestroy();
  }

  async close() {
    this.cut();
    await new Promise((ok) => this.#server.close(ok));
  }
}
