// The three reconnect classes of close codes, as docs/protocol.md#close-codes defines them; the same
// rule as the gateway's CloseCode.classify, so that codes added later are classified by their range.

export const CloseClass = Object.freeze({ TERMINAL: "terminal", BACKOFF: "backoff", NOW: "now" });

const TERMINAL_STANDARD = new Set([1002, 1003, 1007, 1008, 1009, 1010]);
const NOW_STANDARD = new Set([1001, 1012]);

/** Classifies a WebSocket close code into "terminal", "backoff" or "now". */
export function classifyClose(code) {
  if (code >= 4000 && code <= 4099) return CloseClass.TERMINAL;
  if (code >= 4100 && code <= 4199) return CloseClass.BACKOFF;
  if (code >= 4200 && code <= 4299) return CloseClass.NOW;
  if (NOW_STANDARD.has(code)) return CloseClass.NOW;
  if (TERMINAL_STANDARD.has(code)) return CloseClass.TERMINAL;
  return CloseClass.BACKOFF;
}
