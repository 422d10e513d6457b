// Load of signed-in clients against a running server (started by
// scripts/load.sh): signs in every client with a session of its own, keeps
// one Inbox event stream open per client, and has each client loop through
// the Contacts table, a contact's drawer, the conversation list and a
// conversation, pausing between calls as a person would, while incoming
// messages are posted to the demo channels now and then. Prints requests,
// requests/s, p50, p99 and errors per endpoint and overall, the event
// streams that stayed open and the events they received; writes the same
// to --out. Exits 1 when any request, sign-in or event stream failed.
//
// Usage: node scripts/load.mjs --base URL --password P [--clients N]
//   [--seconds S] [--pause-ms MS] [--ingress-per-second R] [--out FILE]
//   [--server-pid PID]
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";

const options = {
  base: "",
  password: "",
  clients: 200,
  seconds: 60,
  "pause-ms": 1000,
  "ingress-per-second": 2,
  out: "",
  "server-pid": "",
};
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, "");
  if (!(key in options) || process.argv[i + 1] === undefined) {
    console.error(`unknown or incomplete argument: ${process.argv[i]}`);
    process.exit(2);
  }
  options[key] = typeof options[key] === "number" ? Number(process.argv[i + 1]) : process.argv[i + 1];
}
const base = options.base;
const clients = options.clients;
const pauseMs = options["pause-ms"];
const ingressPerSecond = options["ingress-per-second"];
if (!base || !options.password || !(clients > 0) || !(options.seconds > 0)) {
  console.error("usage: node scripts/load.mjs --base URL --password P [--clients N] [--seconds S] …");
  process.exit(2);
}

// Must equal app::inbox::EVENTS_PATH (app/src/inbox/live.rs).
const EVENTS_PATH = "/api/inbox/events";
const USERS = ["owner@demo.test", "manager@demo.test", "agent@demo.test"];
const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const pick = (items) => items[Math.floor(Math.random() * items.length)];
/** A person's pause between two clicks: 0.5 to 1.5 times the mean. */
const pause = () => (pauseMs > 0 ? sleep(pauseMs * (0.5 + Math.random())) : Promise.resolve());

// ---- Measurements -------------------------------------------------------

const endpoints = new Map();
for (const name of ["POST contacts_list", "POST details_get", "POST inbox_conversations", "POST inbox_conversation", "POST ingress"]) {
  endpoints.set(name, { latencies: [], errors: 0 });
}
function endpoint(name) {
  if (!endpoints.has(name)) endpoints.set(name, { latencies: [], errors: 0 });
  return endpoints.get(name);
}
const shownErrors = [];
function noteError(what) {
  if (shownErrors.length < 5) shownErrors.push(what);
}
let measuring = false;

/**
 * One request: its latency and outcome are recorded under `name` while the
 * load runs. Returns the parsed JSON answer, or null after an error.
 */
async function call(name, path, { cookie, body, type, headers = {}, kind }) {
  const started = performance.now();
  let ok = false;
  let answer = null;
  try {
    const response = await fetch(base + path, {
      method: "POST",
      headers: { Origin: base, "Content-Type": type, ...(cookie ? { Cookie: cookie } : {}), ...headers },
      body,
    });
    const text = await response.text();
    ok = response.status >= 200 && response.status < 300;
    if (ok) {
      answer = text ? JSON.parse(text) : {};
    } else {
      noteError(`${name}: ${response.status} ${text.slice(0, 200)}`);
    }
  } catch (error) {
    noteError(`${name}: ${error.cause?.code ?? ""} ${error.message}`);
  }
  if (measuring) {
    const stats = endpoint(name);
    stats.latencies.push(performance.now() - started);
    if (!ok) stats.errors += 1;
    if (kind) {
      if (!stats.kinds) stats.kinds = new Map();
      if (!stats.kinds.has(kind)) stats.kinds.set(kind, []);
      stats.kinds.get(kind).push(performance.now() - started);
    }
  }
  return ok ? answer : null;
}

const json = (value) => ({ body: JSON.stringify(value), type: JSON_TYPE });

// ---- Sign-in ------------------------------------------------------------

/** Signs in as a new browser would (no device cookie); the session cookie. */
async function signIn(email) {
  const response = await fetch(`${base}/api/log_in`, {
    method: "POST",
    headers: { Origin: base, "Content-Type": FORM },
    body: new URLSearchParams({ "credentials[email]": email, "credentials[password]": options.password }),
    redirect: "manual",
  });
  const text = await response.text();
  const session = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .find((cookie) => cookie.startsWith("contacts_session="));
  if (!response.ok || !session) throw new Error(`sign-in of ${email}: ${response.status} ${text.slice(0, 200)}`);
  return session;
}

/**
 * Signs in every client. Each attempt counts as a failure of its account
 * and address until the password is checked, and more than 5 such failures
 * of one account (20 of one address) within 15 minutes slow attempts down;
 * the server checks only as many passwords at once as it has cores. So one
 * worker per demo user signs its clients in one after another: at most one
 * attempt per account and three per address are ever pending.
 */
async function signInAll() {
  const sessions = new Array(clients);
  await Promise.all(
    USERS.map(async (email, worker) => {
      for (let i = worker; i < clients; i += USERS.length) sessions[i] = await signIn(email);
    }),
  );
  return sessions;
}

// ---- Event streams ------------------------------------------------------

const streams = { opened: 0, failed: 0, endedEarly: 0, events: 0, refetches: 0 };
const openStreams = new Set();

/** Opens the Inbox event stream and counts its events until aborted. */
async function eventStream(cookie, controller) {
  let response;
  try {
    response = await fetch(base + EVENTS_PATH, {
      headers: { Cookie: cookie, Accept: "text/event-stream" },
      signal: controller.signal,
    });
  } catch (error) {
    streams.failed += 1;
    noteError(`event stream: ${error.message}`);
    return;
  }
  if (response.status !== 200) {
    streams.failed += 1;
    noteError(`event stream: ${response.status}`);
    await response.body?.cancel();
    return;
  }
  streams.opened += 1;
  openStreams.add(controller);
  const decoder = new TextDecoder();
  let pending = "";
  try {
    for await (const chunk of response.body) {
      pending += decoder.decode(chunk, { stream: true });
      let end;
      while ((end = pending.indexOf("\n")) >= 0) {
        const line = pending.slice(0, end).replace(/\r$/, "");
        pending = pending.slice(end + 1);
        if (!line.startsWith("data:") || !measuring) continue;
        if (line.slice(5).trim() === "{}") streams.refetches += 1;
        else streams.events += 1;
      }
    }
  } catch (error) {
    if (!controller.signal.aborted) noteError(`event stream: ${error.message}`);
  }
  if (!controller.signal.aborted) {
    streams.endedEarly += 1;
    openStreams.delete(controller);
  }
}

// ---- Clients ------------------------------------------------------------

let stopping = false;
const SORTS = ["added", "last_message", "name"];

/** What the Contacts table asks for after `previous` (the last request and
 * its answer): mostly the first page, sometimes a search, another order or
 * the next page of the same view. Returns the kind and the request. */
function listRequest(previous) {
  const roll = Math.random();
  if (roll < 0.15 && previous?.page.next) {
    return ["next page", { query: previous.query, page: { after: previous.page.next } }];
  }
  if (roll < 0.35 && previous?.page.rows.length) {
    const name = pick(previous.page.rows).display_name ?? "";
    return ["search", { query: { search: name.slice(0, 2 + Math.floor(Math.random() * 3)) } }];
  }
  if (roll < 0.5) return ["sort", { query: { sort: pick(SORTS) } }];
  return ["first page", {}];
}

async function client(cookie) {
  let previous = null;
  let conversations = [];
  while (!stopping) {
    const [kind, request] = listRequest(previous);
    const page = await call("POST contacts_list", "/api/contacts_list", { cookie, ...json({ request }), kind });
    if (page) previous = { query: request.query ?? {}, page };
    await pause();
    if (stopping) break;
    if (previous?.page.rows.length) {
      const contact = pick(previous.page.rows).id;
      await call("POST details_get", "/api/details_get", { cookie, ...json({ request: { contact_id: contact } }) });
      await pause();
      if (stopping) break;
    }
    const filter = Math.random() < 0.7 ? "all" : pick(["mine", "unassigned"]);
    const answer = await call("POST inbox_conversations", "/api/inbox_conversations", {
      cookie,
      ...json({ request: { filter } }),
    });
    if (answer?.rows?.length) conversations = answer.rows;
    await pause();
    if (stopping) break;
    if (conversations.length) {
      await call("POST inbox_conversation", "/api/inbox_conversation", {
        cookie,
        ...json({ request: { contact_id: pick(conversations).contact_id } }),
      });
      await pause();
    }
  }
}

/** Posts incoming messages from a pool of senders to the demo channels. */
async function ingress(channels) {
  const senders = 100;
  let sent = 0;
  const interval = 1000 / ingressPerSecond;
  while (!stopping) {
    const channel = pick(channels);
    const sender = Math.floor(Math.random() * senders);
    sent += 1;
    await call("POST ingress", `/api/ingress/${channel.id}`, {
      ...json({
        message_id: `load-${process.pid}-${sent}`,
        sender: { id: `load-${sender}`, name: `Load visitor ${sender}` },
        text: `Load message ${sent}`,
        sent_at: new Date().toISOString(),
      }),
      headers: { Authorization: `Bearer ${channel.token}` },
    });
    await sleep(interval * (0.5 + Math.random()));
  }
}

// ---- Server figures -----------------------------------------------------

const serverPid = options["server-pid"];
function serverCpuSeconds() {
  if (!serverPid) return null;
  const fields = readFileSync(`/proc/${serverPid}/stat`, "utf8").split(") ")[1].split(" ");
  // utime and stime are fields 14 and 15 of stat (12 and 13 after the name).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
function serverRssMb() {
  if (!serverPid) return null;
  const line = readFileSync(`/proc/${serverPid}/status`, "utf8").match(/VmRSS:\s+(\d+)/);
  return line ? Math.round(Number(line[1]) / 1024) : null;
}

// ---- Run ----------------------------------------------------------------

function percentile(sorted, p) {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main() {
  const signInStarted = performance.now();
  let sessions;
  try {
    sessions = await signInAll();
  } catch (error) {
    console.error(`error: ${error.message}`);
    process.exit(1);
  }
  const signInSeconds = (performance.now() - signInStarted) / 1000;
  console.error(`==> ${clients} clients signed in in ${signInSeconds.toFixed(1)} s`);

  const channelRows = await call("channels_list", "/api/channels_list", { cookie: sessions[0], ...json({}) });
  const channels = (channelRows ?? []).filter((channel) => channel.token);
  if (!channels.length) {
    console.error("error: no channel tokens (the first client must be the owner)");
    process.exit(1);
  }

  const controllers = sessions.map(() => new AbortController());
  const streamDone = sessions.map((cookie, i) => eventStream(cookie, controllers[i]));
  for (let waited = 0; streams.opened + streams.failed < clients && waited < 100; waited += 1) await sleep(100);
  console.error(`==> ${streams.opened} event streams open; load for ${options.seconds} s`);

  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const cpuBefore = process.cpuUsage();
  const serverCpuBefore = serverCpuSeconds();
  const loadBefore = loadavg()[0];
  measuring = true;
  const started = performance.now();
  const timer = setTimeout(() => (stopping = true), options.seconds * 1000);
  await Promise.all([...sessions.map((cookie) => client(cookie)), ingress(channels)]);
  clearTimeout(timer);
  const elapsed = (performance.now() - started) / 1000;
  measuring = false;
  loopDelay.disable();
  const stillOpen = openStreams.size;
  for (const controller of controllers) controller.abort();
  await Promise.allSettled(streamDone);
  const clientCpu = process.cpuUsage(cpuBefore);
  const serverCpu = serverCpuBefore === null ? null : serverCpuSeconds() - serverCpuBefore;

  const lines = [];
  const say = (line) => lines.push(line);
  say(
    `# load ${new Date().toISOString().slice(0, 16)}Z, ${clients} signed-in clients, ${options.seconds} s, ` +
      `pause ${pauseMs} ms (0.5-1.5x) between calls, ${ingressPerSecond} incoming messages/s, ` +
      `${cpus().length} cores, load average ${loadBefore.toFixed(1)} before`,
  );
  const row = (what, requests, rate, p50, p99, errors) =>
    say(
      `${what.padEnd(28)} ${String(requests).padStart(9)} ${rate.padStart(9)} ${p50.padStart(9)} ${p99.padStart(9)} ${String(errors).padStart(7)}`,
    );
  row("endpoint", "requests", "req/s", "p50", "p99", "errors");
  const all = [];
  let errors = 0;
  const ms = (value) => `${value.toFixed(1)}ms`;
  for (const [name, stats] of endpoints) {
    if (name === "channels_list") continue;
    const sorted = Float64Array.from(stats.latencies).sort();
    all.push(...stats.latencies);
    errors += stats.errors;
    row(name, sorted.length, (sorted.length / elapsed).toFixed(1), ms(percentile(sorted, 50)), ms(percentile(sorted, 99)), stats.errors);
    for (const [kind, latencies] of stats.kinds ?? []) {
      const part = Float64Array.from(latencies).sort();
      row(`  ${kind}`, part.length, (part.length / elapsed).toFixed(1), ms(percentile(part, 50)), ms(percentile(part, 99)), "");
    }
  }
  const sortedAll = Float64Array.from(all).sort();
  row("all", sortedAll.length, (sortedAll.length / elapsed).toFixed(1), ms(percentile(sortedAll, 50)), ms(percentile(sortedAll, 99)), errors);
  const stored = endpoints.get("POST ingress")?.latencies.length ?? 0;
  say(
    `event streams: ${stillOpen} of ${clients} open to the end (${streams.failed} refused, ${streams.endedEarly} ended early); ` +
      `${streams.events} events received (${(streams.events / Math.max(1, stillOpen)).toFixed(1)} per stream, ` +
      `${stored} messages posted), ${streams.refetches} refetch events`,
  );
  say(`sign-in of ${clients} clients: ${signInSeconds.toFixed(1)} s`);
  say(
    `load client: ${((clientCpu.user + clientCpu.system) / 1e6 / elapsed * 100).toFixed(0)}% of a core, ` +
      `event-loop delay p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms, max ${(loopDelay.max / 1e6).toFixed(1)} ms`,
  );
  if (serverCpu !== null) {
    say(`server: ${(serverCpu / elapsed * 100).toFixed(0)}% of a core, ${serverRssMb()} MB resident at the end`);
  }
  const report = lines.join("\n") + "\n";
  process.stdout.write(report);
  if (options.out) writeFileSync(options.out, report);

  const failed = errors + streams.failed + streams.endedEarly + (clients - stillOpen > 0 ? 1 : 0);
  if (failed > 0) {
    for (const error of shownErrors) console.error(`  ${error}`);
    console.error(`error: ${errors} requests failed, ${clients - stillOpen} event streams were not open to the end`);
    process.exit(1);
  }
}

await main();
