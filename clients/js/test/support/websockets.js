// WebSocket classes (the `ws` package's, extended) that let a test see or bend what crosses the
// socket, while the other end stays the real gateway.

import { WebSocket as NodeWebSocket } from "ws";

/**
 * Records every frame the client transmits, parsed, into `transmitted`; each frame gets
 * `connection`, the number of the socket it went out on (1 for the first).
 */
export function recordingWebSocket(transmitted) {
  let connections = 0;
  return class extends NodeWebSocket {
    #connection = ++connections;

    send(data, ...rest) {
      transmitted.push({ ...JSON.parse(data), connection: this.#connection });
      return super.send(data, ...rest);
    }
  };
}

/** Hands every frame the gateway sends to the client twice, as an overlapping replay would. */
export class DuplicatingWebSocket extends NodeWebSocket {
  set onmessage(listener) {
    super.onmessage = (event) => {
      listener(event);
      listener(event);
    };
  }

  get onmessage() {
    return super.onmessage;
  }
}
