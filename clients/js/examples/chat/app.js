// The example chat: rooms, who is in them, typing indicators, and an offline banner with the
// messages still waiting in the SDK's outbox (which survives a reload).
import { WsfleetClient } from "./sdk/index.js";

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.hash.slice(1));
const TYPING_EVERY_MS = 2000;
const TYPING_SHOWN_MS = 3000;

if ("serviceWorker" in navigator) navigator.serviceWorker.register("sw.js").catch(() => {});

if (params.get("user")) {
  start(params.get("user"), params.get("token"));
} else {
  $("login").addEventListener("submit", (event) => {
    event.preventDefault();
    params.set("user", $("login-user").value.trim());
    location.hash = params.toString();
    start(params.get("user"), null);
  });
}

async function tokenFor(user, given) {
  if (given) return given;
  const response = await fetch(`token?user=${encodeURIComponent(user)}`);
  if (!response.ok) throw new Error((await response.json()).message);
  return (await response.json()).token;
}

function start(user, givenToken) {
  $("login").hidden = true;
  $("chat").hidden = false;
  $("me").textContent = user;
  const storedRooms = JSON.parse(localStorage.getItem(`rooms:${user}`) ?? "null");
  const rooms = new Map((storedRooms ?? [params.get("room") ?? "lobby"]).map((id) => [id, { members: new Set(), messages: [] }]));
  const typingTimers = new Map();
  let current = [...rooms.keys()][0];
  let lastTyping = 0;

  const client = new WsfleetClient({
    url: `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`,
    token: () => tokenFor(user, givenToken),
    outbox: { name: `wsfleet-chat-outbox:${user}` },
  });
  window.chat = client; // for the browser console (and the end-to-end test)

  const room = (id) => {
    if (!rooms.has(id)) rooms.set(id, { members: new Set(), messages: [] });
    return rooms.get(id);
  };
  const saveRooms = () => localStorage.setItem(`rooms:${user}`, JSON.stringify([...rooms.keys()]));

  function render() {
    $("rooms").replaceChildren(...[...rooms.keys()].map((id) => {
      const li = document.createElement("li");
      li.textContent = id;
      li.className = id === current ? "current" : "";
      li.onclick = () => {
        current = id;
        render();
      };
      return li;
    }));
    $("room-title").textContent = current ? `# ${current}` : "";
    const here = current ? room(current) : { members: new Set(), messages: [] };
    $("members").replaceChildren(...[...here.members].sort().map((member) => {
      const li = document.createElement("li");
      li.textContent = member;
      return li;
    }));
    const pending = client.pending().filter((entry) => entry.type === "room_message" && entry.payload.room_id === current);
    $("messages").replaceChildren(
      ...here.messages.map((frame) => messageItem(frame.from, frame.payload.message, "message", frame.message_id)),
      ...pending.map((entry) => messageItem(user, entry.payload.message, "pending", entry.id)),
    );
    $("messages").scrollTop = $("messages").scrollHeight; // the newest message in view
    const waiting = client.pending().length;
    $("pending-count").textContent = String(waiting);
    $("state").textContent = client.state;
    // Messages in flight while connected are normal; the banner is for a client that cannot send.
    $("banner").hidden = client.state === "open";
    $("banner-text").textContent = { offline: "Offline", closed: "Disconnected" }[client.state] ?? "Connecting";
  }

  function messageItem(from, message, kind, id) {
    const li = document.createElement("li");
    li.className = kind;
    li.dataset.id = id;
    li.dataset.from = from;
    const name = document.createElement("span");
    name.className = "from";
    name.textContent = from;
    const text = document.createElement("span");
    text.className = "text";
    text.textContent = typeof message === "string" ? message : JSON.stringify(message);
    li.append(name, text);
    return li;
  }

  client.on("state", render);
  client.on("outbox", render);
  client.on("sent", render);
  client.on("failed", render);
  client.on("members", ({ room_id, members }) => {
    room(room_id).members = new Set(members);
    render();
  });
  client.on("user_joined", ({ payload }) => {
    room(payload.room_id).members.add(payload.user_id);
    render();
  });
  client.on("user_left", ({ payload }) => {
    room(payload.room_id).members.delete(payload.user_id);
    render();
  });
  client.on("room_message", (frame) => {
    room(frame.payload.room_id).messages.push(frame);
    render();
  });
  client.on("typing", ({ from, payload }) => {
    if (payload.room_id !== current) return;
    clearTimeout(typingTimers.get(from));
    if (payload.is_typing) {
      typingTimers.set(from, setTimeout(() => {
        typingTimers.delete(from);
        showTyping();
      }, TYPING_SHOWN_MS));
    } else {
      typingTimers.delete(from);
    }
    showTyping();
  });
  function showTyping() {
    const who = [...typingTimers.keys()];
    $("typing").textContent = who.length ? `${who.join(", ")} ${who.length > 1 ? "are" : "is"} typing…` : "";
  }

  $("text").addEventListener("input", () => {
    if (Date.now() - lastTyping > TYPING_EVERY_MS && client.typing(current)) lastTyping = Date.now();
  });
  $("send-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("text").value;
    $("text").value = "";
    lastTyping = 0;
    client.send(current, text).catch((error) => console.warn("not sent:", error.code ?? error.message));
  });
  $("join-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const id = $("join-room").value.trim();
    $("join-room").value = "";
    room(id);
    current = id;
    saveRooms();
    render();
    client.join(id).catch((error) => {
      rooms.delete(id);
      saveRooms();
      current = [...rooms.keys()][0];
      render();
      alert(`Cannot join ${id}: ${error.code ?? error.message}`);
    });
  });

  saveRooms();
  for (const id of rooms.keys()) client.join(id).catch(() => {});
  client.connect();
  render();
}
