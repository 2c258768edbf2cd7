// Compiled (not run) by test/unit/types.test.js: what an application writes must type-check, and what
// it must not write must not (each @ts-expect-error has to meet an error, or tsc fails).
import { WsfleetClient, classifyClose, ServerError, type OutboxEntry } from "../../src/index.js";

const client = new WsfleetClient({ url: "ws://localhost:8080/ws", token: async () => "jwt", tokenTransport: "query" });

client.on("room_message", (frame) => {
  const room: string = frame.payload.room_id;
  const from: string | undefined = frame.from;
  return [room, from];
});
client.on("user_joined", (frame) => frame.payload.user_id.toUpperCase());
client.on("device_connected", (frame) => frame.payload.device_count + 1);
client.on("members", ({ room_id, members, resync }) => [room_id, members.length, resync]);
client.on("reconnecting", ({ delayMs, closeClass }) => (closeClass === "now" ? delayMs : 0));
client.on("error", (frame) => frame.payload.code);
client.on("room_message", (frame) => (frame.offset ?? 0) + (frame.epoch ?? "").length);
client.on("recovered", (event) => (event.stream === "room" ? event.room_id : "direct messages") + event.position?.offset);
client.on("continuityLost", (event) => event.since?.epoch !== event.position?.epoch);
client.on("continuity_lost", (event) => ("local" in event ? event.directMessages : event.payload.reason));
const off: () => void = client.on("state", ({ state }) => state === "offline");
off();

async function use(): Promise<string[]> {
  const ready = await client.connect();
  const resumed: boolean = ready.continuityLost;
  const { members, recovered, position } = await client.join("lobby");
  void [recovered === true, position?.epoch];
  const { messages } = await client.history("lobby", { limit: 20, before: position?.offset });
  void messages.map((frame) => frame.offset);
  const ack = await client.send("lobby", { text: "hi", n: [1, 2] });
  await client.sendTo("bob", "yo");
  const pending: OutboxEntry[] = client.pending();
  const sent: boolean = client.typing("lobby");
  try {
    await client.leave("lobby");
  } catch (error) {
    if (error instanceof ServerError) return [error.code];
  }
  return [...members, ack.server_message_id ?? "", String(resumed), String(pending.length), String(sent)];
}
void use;

const closeClass: "terminal" | "backoff" | "now" = classifyClose(4100);
void closeClass;

// @ts-expect-error an event that does not exist
client.on("room_mesage", () => {});
// @ts-expect-error room messages carry no `to`
client.on("room_message", (frame) => frame.payload.to);
// @ts-expect-error the user stream's events name no room
client.on("recovered", (event) => event.stream === "user" && event.room_id);
// @ts-expect-error undefined is not JSON
client.send("lobby", undefined);
// @ts-expect-error the token transport is one of two
new WsfleetClient({ url: "ws://x/ws", token: "t", tokenTransport: "header" });
