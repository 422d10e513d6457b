// First-load benchmark of the signed-in Contacts page in Debian's Chromium:
// what the first visit downloads (requests, wasm requests, bytes on the
// wire, the main module's size), what a repeat visit downloads, and the
// time from navigation to an interactive page (the hydration marker), as
// medians over ten cold loads on loopback and under "Fast 4G" with the CPU
// slowed four times.
// Usage: node scripts/bench-load.mjs BASE_URL PASSWORD   (see bench-load.sh)
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(path.resolve("end2end/package.json"));
const { chromium } = require("@playwright/test");

const [base, password] = process.argv.slice(2);
const LOADS = 10;
const SITE = "target/site";
/** The pages whose first download is listed file by file. */
const PAGES = ["/", "/inbox", "/contacts", "/contacts/merges", "/settings", "/settings/fields"];
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

/** The sign-in form's words in a browser language, from the app's texts. */
const signInWords = (locale) =>
  JSON.parse(fs.readFileSync(`app/locales/${locale.slice(0, 2)}/auth.json`, "utf8"));

/** A fresh browser profile in `locale`, signed in as the demo manager. */
async function signedIn(locale = "en-US") {
  const context = await browser.newContext({ locale });
  // Notes when the page became interactive, on the clock of the page's
  // resource timings.
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.body?.dataset.hydrated === "true") {
        window.hydratedAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-hydrated"] });
  });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.locator("body[data-hydrated=true]").waitFor();
  const words = signInWords(locale);
  await page.getByLabel(words.email, { exact: true }).fill("manager@demo.test");
  await page.getByLabel(words.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: words.log_in }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  return { context, page };
}

/** Loads /contacts; answers the requests made and their bytes on the wire. */
async function load(page, cdp, pathname = "/contacts") {
  const wire = new Map();
  const urls = new Map();
  // The status on the wire: for a cached file revalidated with a 304,
  // `responseReceived` reports the cached response's 200.
  const wireStatus = new Map();
  const onResponse = (event) => urls.set(event.requestId, event.response);
  const onExtraInfo = (event) => wireStatus.set(event.requestId, event.statusCode);
  const onFinished = (event) => wire.set(event.requestId, event.encodedDataLength);
  cdp.on("Network.responseReceived", onResponse);
  cdp.on("Network.responseReceivedExtraInfo", onExtraInfo);
  cdp.on("Network.loadingFinished", onFinished);
  const started = Date.now();
  await page.goto(`${base}${pathname}`);
  await page.locator("body[data-hydrated=true]").waitFor();
  const interactive = Date.now() - started;
  await page.waitForLoadState("networkidle");
  // What arrived before the page became interactive: what it waited for.
  const waitedFor = new Set(
    await page.evaluate(() =>
      performance
        .getEntriesByType("resource")
        .filter((entry) => entry.responseEnd <= window.hydratedAt)
        .map((entry) => new URL(entry.name).pathname),
    ),
  );
  cdp.off("Network.responseReceived", onResponse);
  cdp.off("Network.responseReceivedExtraInfo", onExtraInfo);
  cdp.off("Network.loadingFinished", onFinished);
  const files = [...urls].map(([id, response]) => ({
    path: new URL(response.url).pathname,
    status: wireStatus.get(id) ?? response.status,
    cached: response.fromDiskCache || response.fromMemoryCache,
    bytes: wire.get(id) ?? 0,
    beforeInteractive: waitedFor.has(new URL(response.url).pathname),
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

/** Raw, gzip and brotli size of a site file (the build's compressed twins). */
function sizes(pathname) {
  const file = path.join(SITE, pathname);
  const size = (name) => (fs.existsSync(name) ? fs.statSync(name).size : 0);
  return { raw: size(file), gzip: size(`${file}.gz`), brotli: size(`${file}.br`) };
}

/** Every file of a page's first download, from disk, with its sizes. */
async function firstDownload(pathname, locale) {
  const { context, page } = await signedIn(locale);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  const { files } = await load(page, cdp, pathname);
  await context.close();
  return files.map((file) => ({ ...file, ...(file.path.startsWith("/pkg/") ? sizes(file.path) : {}) }));
}

const row = (name, file) =>
  `  ${name.padEnd(70)} ${kb(file.raw ?? 0).padStart(8)} ${kb(file.gzip ?? 0).padStart(8)} ${kb(file.brotli ?? 0).padStart(8)}`;
// Every page in English, and the Contacts page in a German browser.
const FIRST_LOADS = [...PAGES.map((pathname) => [pathname, "en-US"]), ["/contacts", "de-DE"]];
for (const [pathname, locale] of FIRST_LOADS) {
  const files = await firstDownload(pathname, locale);
  const seen = new Set();
  const site = files.filter((file) => file.raw !== undefined && !seen.has(file.path) && seen.add(file.path));
  const wasmFiles = site.filter((file) => file.path.endsWith(".wasm"));
  const sum = (key) => site.reduce((total, file) => total + file[key], 0);
  const wasmRequests = files.filter((file) => file.path.endsWith(".wasm")).length;
  console.log(
    `first download of ${pathname}${locale === "en-US" ? "" : ` (${locale})`}: ${files.length} requests (${wasmRequests} wasm), ` +
      `${site.length} files (${wasmFiles.length} wasm), raw, gzip, brotli:`,
  );
  for (const file of [...site].sort((a, b) => b.raw - a.raw)) console.log(row(file.path, file));
  console.log(row("total", { raw: sum("raw"), gzip: sum("gzip"), brotli: sum("brotli") }));
  const waited = site.filter((file) => file.beforeInteractive);
  const waitedSum = (key) => waited.reduce((total, file) => total + file[key], 0);
  console.log(
    row(
      `before interactive: ${waited.length} files (${waited.filter((file) => file.path.endsWith(".wasm")).length} wasm)`,
      { raw: waitedSum("raw"), gzip: waitedSum("gzip"), brotli: waitedSum("brotli") },
    ),
  );
  const phoneFiles = files.filter((file) => /phone/i.test(file.path));
  console.log(`  phone-related: ${phoneFiles.length ? phoneFiles.map((file) => file.path).join(", ") : "none"}`);
}

const loopback = await coldLoads(false);
// A repeat visit: a new tab of the same browser profile, after a first
// visit filled its cache.
const { context, page } = await signedIn();
await load(page, await context.newCDPSession(page));
const tab = await context.newPage();
const cdp = await context.newCDPSession(tab);
await cdp.send("Network.enable");
const again = (await load(tab, cdp)).files.filter((file) => file.path.startsWith("/pkg/") && !file.cached);
const repeat = again.filter((file) => file.status === 200);
const revalidated = again.filter((file) => file.status === 304);
await context.close();

const throttled = await coldLoads(true);
await browser.close();

const names = (files) => (files.length ? `: ${files.map((file) => file.path).join(", ")}` : "");
console.log(`repeat visit of /contacts: ${repeat.length} files from /pkg/ downloaded again${names(repeat)}; ${revalidated.length} revalidated (304)${names(revalidated)}`);
console.log(`time to interactive, median of ${LOADS} cold loads:`);
console.log(`  loopback:                 ${median(loopback.map((run) => run.interactive))} ms`);
console.log(`  Fast 4G, CPU slowed 4x:   ${median(throttled.map((run) => run.interactive))} ms`);
