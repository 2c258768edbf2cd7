// Generated from gateway/src/main/java/io/wsfleet/gateway/protocol/CloseCode.java by
// scripts/generate-close-codes: do not edit (a gateway test fails when the two differ).
// The three reconnect classes of close codes, as docs/protocol.md#close-codes defines them.
// The codes the gateway sends:
//   1009 message too big: terminal
//   1011 internal error: backoff
//   1012 server shutting down: now
//   4100 slow consumer: outbound queue full: backoff

export const CloseClass = Object.freeze({ TERMINAL: "terminal", BACKOFF: "backoff", NOW: "now" });

// Application codes by range, so that codes added later are classified by where they fall.
const RANGES = [
  [4000, 4099, CloseClass.TERMINAL],
  [4100, 4199, CloseClass.BACKOFF],
  [4200, 4299, CloseClass.NOW],
];

// Standard codes whose class is not the default (backoff).
const STANDARD = new Map([
  [1001, CloseClass.NOW],
  [1002, CloseClass.TERMINAL],
  [1003, CloseClass.TERMINAL],
  [1007, CloseClass.TERMINAL],
  [1008, CloseClass.TERMINAL],
  [1009, CloseClass.TERMINAL],
  [1010, CloseClass.TERMINAL],
  [1012, CloseClass.NOW],
]);

/** Classifies a WebSocket close code into "terminal", "backoff" or "now". */
export function classifyClose(code) {
  for (const [from, to, closeClass] of RANGES) {
    if (code >= from && code <= to) return closeClass;
  }
  return STANDARD.get(code) ?? CloseClass.BACKOFF;
}
