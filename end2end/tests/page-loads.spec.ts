import { expect, type Page } from "@playwright/test";
import { test } from "./helpers";
import { ON_DEMAND_DOWNLOAD, USERS, hydrated, signIn } from "./helpers";

/** Every page an owner reaches from the navigation, loaded as a document. */
const PAGES = [
  "/",
  "/inbox",
  "/contacts",
  "/contacts?view=blocked",
  "/contacts?q=a&sort=name",
  "/contacts/merges",
  "/settings",
  "/settings/fields",
  "/settings/channels",
  "/settings/usage",
];

/** How many times each page is loaded: a wrong policy once in a while must show. */
const ROUNDS = 4;

/**
 * Collects every console error, uncaught error and Content-Security-Policy
 * violation of the page (Chromium reports blocked scripts, styles and wasm
 * as console errors; the event listener names the directive too).
 */
async function watchProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`${page.url()}: ${error.message}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  return problems;
}

/** Loads a page as a document and checks it arrived with the page policy and came alive. */
async function load(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  const policy = (await response?.headerValue("content-security-policy")) ?? "";
  expect(policy, path).toContain("'nonce-");
  await hydrated(page);
  await expect(page.locator("main h1").first(), path).toBeVisible();
}

test("every page loads many times with its own policy and no console error", async ({ page }) => {
  test.setTimeout(180_000);
  const problems = await watchProblems(page);
  await signIn(page, USERS.owner.email);
  const review = await page.getByRole("link", { name: /^Review merge/ }).first().getAttribute("href");
  const pages = review ? [...PAGES, review] : PAGES;
  expect(review, "the dashboard offers a merge review").toBeTruthy();
  for (let round = 0; round < ROUNDS; round++) {
    for (const path of pages) await load(page, path);
    // The same pages reached by following the navigation, as users do.
    for (const name of ["Dashboard", "Inbox", "Contacts", "Settings", "Contacts"]) {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true }).click();
      await expect(page.locator("main h1").first()).toBeVisible();
    }
  }
  expect(problems).toEqual([]);
});

test("a button clicked before the page is interactive waits for it instead of doing nothing", async ({ page }) => {
  const problems = await watchProblems(page);
  await signIn(page, USERS.owner.email);
  // The page's code arrives late, as on a slow connection: the drawer is on
  // screen well before it can act.
  await page.route("**/*.wasm", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.goto("/contacts?q=a");
  const row = page.locator("tbody tr a").first();
  await expect(row).toBeVisible();
  await row.click();
  const drawer = page.getByRole("dialog");
  await expect(drawer).toBeVisible();
  await drawer.getByRole("button", { name: "Add tag" }).click();
  await expect(drawer.getByLabel("Search tags", { exact: true })).toBeVisible();
  expect(problems).toEqual([]);
});

test("a dialog opened before its code has arrived says it is loading, then opens", async ({ page }) => {
  const problems = await watchProblems(page);
  await signIn(page, USERS.owner.email);
  // The on-demand download (the drawer and the dialogs) is held back until
  // the dialog has been asked for.
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**/${ON_DEMAND_DOWNLOAD}*.wasm`, async (route) => {
    await released;
    await route.continue();
  });
  await page.goto("/contacts");
  await hydrated(page);
  await page.getByRole("button", { name: "Add contact" }).click();
  const loading = page.getByRole("dialog", { name: "Loading…" });
  await expect(loading).toBeVisible();
  await expect(loading).toHaveAttribute("aria-busy", "true");
  release();
  const dialog = page.getByRole("dialog", { name: "Add contact" });
  await expect(dialog).toBeVisible();
  await expect(loading).toHaveCount(0);
  await dialog.getByLabel("First name").fill("Early");
  await expect(dialog.getByLabel("First name")).toHaveValue("Early");
  expect(problems).toEqual([]);
});

test("no page's first download carries the phone checks; they arrive when a phone is first typed", async ({ page }) => {
  const problems = await watchProblems(page);
  await signIn(page, USERS.manager.email);
  const fetched: string[] = [];
  page.on("request", (request) => fetched.push(new URL(request.url()).pathname));
  const phoneFiles = () => fetched.filter((path) => /phone/i.test(path));
  for (const path of PAGES) {
    await page.goto(path);
    await hydrated(page);
  }
  expect(phoneFiles()).toEqual([]);

  await page.goto("/contacts");
  await hydrated(page);
  await page.getByRole("button", { name: "Add contact" }).click();
  const form = page.getByRole("dialog", { name: "Add contact" });
  await form.getByLabel("Phone number").fill("12");
  await expect(form.locator("#add-phone-state")).toContainText("Phone number");
  await form.getByLabel("Country").selectOption("DE");
  await form.getByLabel("Phone number").fill("030 1234567");
  await expect(form.getByText("Will be saved as +49 30 1234567")).toBeVisible();
  expect(phoneFiles()).toEqual(
    expect.arrayContaining([
      "/pkg/phone-check.json",
      expect.stringMatching(/^\/pkg\/phone_check\.[0-9a-f]{16}\.js$/),
      expect.stringMatching(/^\/pkg\/phone_check_bg\.[0-9a-f]{16}\.wasm$/),
    ]),
  );
  expect(problems).toEqual([]);
});

/** The wasm files a document's head tells the browser to fetch at once. */
function preloadedWasm(html: string): string[] {
  return [...html.matchAll(/<link [^>]*rel="preload"[^>]*>/g)]
    .map((link) => /href="([^"]+\.wasm)"/.exec(link[0])?.[1])
    .filter((path): path is string => path !== undefined);
}

test("a page's head names the files of its code, and the drawer's and dialogs' code comes with the page only when a contact is open", async ({ page }) => {
  const problems = await watchProblems(page);
  await signIn(page, USERS.manager.email);
  const requests = new Map<string, number>();
  page.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith(".wasm")) requests.set(path, (requests.get(path) ?? 0) + 1);
  });

  const table = await page.goto("/contacts");
  const tableHead = preloadedWasm((await table?.text()) ?? "");
  expect(tableHead.some((path) => path.includes("/split_contacts_download_"))).toBe(true);
  expect(tableHead.some((path) => path.includes(`/${ON_DEMAND_DOWNLOAD}`))).toBe(false);
  await hydrated(page);
  // Once the table is interactive the drawer's and dialogs' code follows on
  // its own: the first contact or dialog opened does not wait for it.
  await expect.poll(() => [...requests.keys()].some((path) => path.includes(`/${ON_DEMAND_DOWNLOAD}`))).toBe(true);
  // A file named in the head is fetched once, not again by the code that uses it.
  const fetchedTwice = [...requests].filter(([path, count]) => count > 1 && tableHead.includes(path));
  expect(fetchedTwice).toEqual([]);

  const row = page.locator("tbody tr a").first();
  const contact = await row.getAttribute("href");
  await row.click();
  await expect(page.getByRole("dialog")).toBeVisible();

  const withDrawer = await page.goto(contact ?? "/contacts");
  const drawerHead = preloadedWasm((await withDrawer?.text()) ?? "");
  expect(drawerHead.some((path) => path.includes(`/${ON_DEMAND_DOWNLOAD}`))).toBe(true);
  await hydrated(page);
  await expect(page.getByRole("dialog")).toBeVisible();
  expect(problems).toEqual([]);
});
