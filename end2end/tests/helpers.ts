import { test as base, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

/**
 * Every test of the suite: fails on any console error, uncaught error or
 * Content-Security-Policy violation of its page. HTTP answers the product
 * gives on purpose (a 401 for a wrong password, a 422 for a refused value)
 * are logged by the browser as "Failed to load resource" and are not errors
 * of the page.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        const text = message.text();
        const answered = /^Failed to load resource: the server responded with a status of 4\d\d/.test(text);
        if (message.type() === "error" && !answered) errors.push(`${page.url()}: ${text}`);
      });
      page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (event) => {
          console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
        });
      });
      await use(errors);
      expect(errors, "console errors of the page").toEqual([]);
    },
    { auto: true },
  ],
});

export const PASSWORD = process.env.DEMO_PASSWORD ?? "demo";

export const USERS = {
  owner: { email: "owner@demo.test", name: "Olivia Owner", role: "Owner" },
  manager: { email: "manager@demo.test", name: "Max Manager", role: "Manager" },
  agent: { email: "agent@demo.test", name: "Ada Agent", role: "Agent" },
} as const;

/** Waits until the page's WebAssembly has taken over the server-rendered HTML. */
export async function hydrated(page: Page) {
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}

/** Signs in through the sign-in page and waits for the dashboard. */
export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await hydrated(page);
}

/** Fails on any serious or critical accessibility violation of the current page. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
  ).toEqual([]);
}

/**
 * What the file names of the on-demand download (the drawer and the
 * Contacts dialogs, fetched once a page is interactive) start with.
 */
export const ON_DEMAND_DOWNLOAD = "split_on_demand_download_";
