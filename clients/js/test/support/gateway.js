// Starts the real gateway (the jar Maven packages) as a child process for the SDK's tests.

import { spawn, spawnSync } from "node:child_process";
import { after, before } from "node:test";
import { createHmac } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, openSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
const JAR = join(ROOT, "gateway/target/wsfleet-gateway.jar");
export const SECRET = "sdk-tests-secret-0123456789abcdef0123456789";
const PUBLISH_KEY = "sdk-tests-publish-key";

let javaHome;

/** The JDK that scripts/lib/jdk.sh picks, as the project's scripts use it. */
function java() {
  if (!javaHome) {
    const found = spawnSync("bash", ["-c", '. scripts/lib/jdk.sh >/dev/null && printf %s "$JAVA_HOME"'], { cwd: ROOT, encoding: "utf8" });
    if (found.status !== 0 || !found.stdout) throw new Error("no JDK 21+ found: " + found.stderr);
    javaHome = found.stdout;
  }
  return join(javaHome, "bin", "java");
}

/** Builds the gateway jar when it is missing (scripts/test has Maven build it before the JS tests). */
function ensureJar() {
  if (existsSync(JAR)) return;
  const built = spawnSync("bash", ["-c", ". scripts/lib/jdk.sh && ./mvnw -B -q -pl gateway package -DskipTests"], { cwd: ROOT, stdio: "inherit" });
  if (built.status !== 0 || !existsSync(JAR)) throw new Error(`${JAR} is missing and could not be built`);
}

export async function freePort() {
  const server = createServer();
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

/** An HS256 token signed with the tests' secret, like scripts/token. */
export function token(userId, lifetimeSeconds = 3600) {
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${encode({ alg: "HS256", typ: "JWT" })}.${encode({ user_id: userId, sub: userId, iat: now, exp: now + lifetimeSeconds })}`;
  return `${unsigned}.${createHmac("sha256", SECRET).update(unsigned).digest("base64url")}`;
}

/**
 * A gateway process on fixed ports, so that a test can stop it and start another one where clients
 * reconnect. `environment` overrides the test defaults (docs/configuration.md names).
 */
export class GatewayProcess {
  #process = null;
  #exited = null;

  constructor(environment = {}, ports = {}) {
    this.environment = environment;
    this.port = ports.port;
    this.adminPort = ports.adminPort;
  }

  static async start(environment = {}) {
    const gateway = new GatewayProcess(environment, { port: await freePort(), adminPort: await freePort() });
    await gateway.start();
    return gateway;
  }

  get wsUrl() {
    return `ws://127.0.0.1:${this.port}/ws`;
  }

  get httpUrl() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start() {
    ensureJar();
    this.log = join(mkdtempSync(join(tmpdir(), "wsfleet-sdk-")), "gateway.log");
    const output = openSync(this.log, "a");
    this.#process = spawn(java(), ["-jar", JAR], {
      cwd: ROOT,
      stdio: ["ignore", output, output],
      env: {
        ...process.env,
        HOST: "127.0.0.1",
        PORT: String(this.port),
        ADMIN_PORT: String(this.adminPort),
        JWT_SECRET_KEY: SECRET,
        ENVIRONMENT: "development",
        PUBLISH_API_KEY: PUBLISH_KEY,
        SHUTDOWN_GRACE_SECONDS: "2",
        // Stop at once (the gateway's paced drain and presence grace have their own tests) and never rebalance
        // between test gateways.
        DRAIN_DEREGISTRATION_DELAY_SECONDS: "0",
        DRAIN_WINDOW_SECONDS: "0",
        REBALANCE_ENABLED: "false",
        PRESENCE_RECONNECT_GRACE_SECONDS: "0",
        CONNECTION_RATE_LIMIT: "1000000",
        MESSAGE_RATE_LIMIT: "1000000",
        MAX_CONNECTIONS_PER_USER: "100",
        ...this.environment,
      },
    });
    this.#exited = new Promise((ok) => this.#process.once("exit", ok));
    await this.#awaitReady();
  }

  /** POSTs a message to the publish API (e.g. `rooms/lobby/messages`); resolves with the response body. */
  async publish(path, body) {
    const response = await fetch(`http://127.0.0.1:${this.adminPort}/api/${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${PUBLISH_KEY}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (response.status !== 202) throw new Error(`publish to ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  }

  async health() {
    const response = await fetch(`http://127.0.0.1:${this.adminPort}/health`);
    return response.json();
  }

  /** SIGTERM: the graceful shutdown, which closes every connection with 1012. */
  async stop() {
    if (!this.#process) return;
    this.#process.kill("SIGTERM");
    await this.#exited;
    this.#process = null;
  }

  /** SIGKILL: a crash; clients see their connections drop without a close frame (1006). */
  async kill() {
    if (!this.#process) return;
    this.#process.kill("SIGKILL");
    await this.#exited;
    this.#process = null;
  }

  async #awaitReady() {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (this.#process.exitCode !== null) throw new Error("gateway exited:\n" + readFileSync(this.log, "utf8"));
      try {
        const response = await fetch(`http://127.0.0.1:${this.adminPort}/health/ready`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    await this.kill();
    throw new Error("gateway did not become ready:\n" + readFileSync(this.log, "utf8"));
  }
}

/** One gateway for the tests of a file: started before them, killed after. */
export function gatewayPerFile(environment = {}) {
  const gateway = new GatewayProcess(environment);
  before(async () => {
    gateway.port = await freePort();
    gateway.adminPort = await freePort();
    await gateway.start();
  });
  after(() => gateway.kill());
  return gateway;
}

export const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** Polls until `check` returns a truthy value; fails after `timeoutMs`. */
export async function eventually(check, timeoutMs = 10_000, what = "condition") {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}
