// First-load benchmark of the signed-in Contacts page in Debian's Chromium:
// what the first visit downloads (requests, wasm requests, bytes on the
// wire, the main module's size), what a repeat visit downloads, and the
// time from navigation to an interactive page (the hydration marker), as
// medians over ten cold loads on loopback and under "Fast 4G" with the CPU
// slowed four times.
// Usage: node scripts/bench-load.mjs BASE_URL PASSWORD   (see bench-load.sh)
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(path.resolve("end2end/package.json"));
const { chromium } = require("@playwright/test");

const [base, password] = process.argv.slice(2);
const LOADS = 10;
// Chrome DevTools' "Fast 4G" preset.
const FAST_4G = {
  offline: false,
  latency: 60 * 2.75,
  downloadThroughput: ((9 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((1.5 * 1000 * 1000) / 8) * 0.9,
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic"],
});

/** A fresh browser profile, signed in as the demo manager. */
async function signedIn() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.locator("body[data-hydrated=true]").waitFor();
  await page.getByLabel("Email").fill("manager@demo.test");
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  return { context, page };
}

/** Loads /contacts; answers the requests made and their bytes on the wire. */
async function load(page, cdp) {
  const sizes = new Map();
  const urls = new Map();
  const onResponse = (event) => urls.set(event.requestId, event.response.url);
  const onFinished = (event) => sizes.set(event.requestId, event.encodedDataLength);
  cdp.on("Network.responseReceived", onResponse);
  cdp.on("Network.loadingFinished", onFinished);
  const started = Date.now();
  await page.goto(`${base}/contacts`);
  await page.locator("body[data-hydrated=true]").waitFor();
  const interactive = Date.now() - started;
  await page.waitForLoadState("networkidle");
  cdp.off("Network.responseReceived", onResponse);
  cdp.off("Network.loadingFinished", onFinished);
  const files = [...urls].map(([id, url]) => ({
    path: new URL(url).pathname,
    bytes: sizes.get(id) ?? 0,
  }));
  return { interactive, files };
}

/** Cold loads (empty cache each time) with the given conditions. */
async function coldLoads(throttled) {
  const { context, page } = await signedIn();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (throttled) {
    await cdp.send("Network.emulateNetworkConditions", FAST_4G);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  }
  const runs = [];
  for (let i = 0; i < LOADS; i += 1) runs.push(await load(page, cdp));
  await context.close();
  return runs;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;

const loopback = await coldLoads(false);
const first = loopback[0].files;
const wasm = first.filter((file) => file.path.endsWith(".wasm"));
const main = wasm.find((file) => /^\/pkg\/contacts\.[^/]*\.wasm$/.test(file.path));
const total = first.reduce((sum, file) => sum + file.bytes, 0);
const phone = first.filter((file) => /phone/i.test(file.path));

// A repeat visit with the cache kept: what it still downloads.
const { context, page } = await signedIn();
const cdp = await context.newCDPSession(page);
await cdp.send("Network.enable");
await load(page, cdp);
const repeat = (await load(page, cdp)).files.filter((file) => file.bytes > 0 && file.path.startsWith("/pkg/"));
await context.close();

const throttled = await coldLoads(true);
await browser.close();

console.log(`first load of /contacts, signed in (bytes on the wire, brotli where the browser accepts it)`);
console.log(`  requests:                 ${first.length} (${wasm.length} wasm)`);
console.log(`  downloaded:               ${kb(total)}`);
console.log(`  main wasm module:         ${main ? kb(main.bytes) : "not found"}`);
for (const file of wasm.filter((file) => file !== main)) {
  console.log(`  page chunk ${file.path}: ${kb(file.bytes)}`);
}
console.log(`  phone-related files:      ${phone.length ? phone.map((file) => file.path).join(", ") : "none"}`);
console.log(`repeat visit: ${repeat.length} files from /pkg/ downloaded again${repeat.length ? `: ${repeat.map((file) => file.path).join(", ")}` : ""}`);
console.log(`time to interactive, median of ${LOADS} cold loads:`);
console.log(`  loopback:                 ${median(loopback.map((run) => run.interactive))} ms`);
console.log(`  Fast 4G, CPU slowed 4x:   ${median(throttled.map((run) => run.interactive))} ms`);
