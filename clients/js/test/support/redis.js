// A real redis-server (on the PATH, as scripts/test installs it) for the SDK's tests against gateways that share it.

import { spawn, spawnSync } from "node:child_process";
import { freePort, eventually } from "./gateway.js";

export class RedisServer {
  #process;
  #exited;

  constructor(port) {
    this.port = port;
  }

  static async start() {
    const redis = new RedisServer(await freePort());
    redis.#process = spawn("redis-server", ["--port", String(redis.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: "ignore" });
    redis.#exited = new Promise((ok) => redis.#process.once("exit", ok));
    await eventually(() => redis.command("PING") === "PONG", 10_000, "redis-server answers");
    return redis;
  }

  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Runs one command with redis-cli; its output, trimmed. */
  command(...args) {
    return spawnSync("redis-cli", ["-p", String(this.port), ...args], { encoding: "utf8" }).stdout.trim();
  }

  async stop() {
    this.#process.kill("SIGKILL");
    await this.#exited;
  }
}
