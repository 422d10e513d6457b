import { expect, type Page } from "@playwright/test";
import { test } from "./helpers";
import { PASSWORD, USERS } from "./helpers";

// Without JavaScript the pages still read and their links and plain forms
// still work; controls that need the page's code are not shown at all.
test.use({ javaScriptEnabled: false });

/** Signs in through the plain sign-in form (no hydration to wait for). */
async function signInWithoutScripts(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
}

async function expectNoScriptButtons(page: Page) {
  await expect(page.locator('button[type="button"]:visible')).toHaveCount(0);
  await expect(page.locator(".column-chooser")).toBeHidden();
}

test("without JavaScript, Contacts, the drawer and the Inbox show no dead buttons", async ({ page }) => {
  await signInWithoutScripts(page, USERS.owner.email);

  await page.goto("/contacts");
  await expect(page.getByRole("heading", { level: 1, name: "Contacts" })).toBeVisible();
  const table = page.getByRole("table", { name: "Contacts" });
  await expect(table).toBeVisible();
  await expect(page.getByLabel("Search contacts")).toBeVisible();
  await expectNoScriptButtons(page);

  // The search form is a plain form: it still filters.
  const firstLink = table.locator('a[id^="contact-link-"]').first();
  const name = (await firstLink.textContent())?.trim() ?? "";
  expect(name).not.toBe("");
  const firstName = name.split(" ")[0];
  await page.getByLabel("Search contacts").fill(firstName);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(page.getByLabel("Search contacts")).toHaveValue(firstName);
  await expect(table.getByRole("link", { name, exact: true }).first()).toBeVisible();

  const href = await firstLink.getAttribute("href");
  const id = /[?&]contact=(\d+)/.exec(href ?? "")?.[1];
  expect(id, `contact link ${href}`).toBeTruthy();
  await page.goto(`/contacts?contact=${id}`);
  const drawer = page.getByRole("dialog");
  await expect(drawer).toBeVisible();
  await expect(drawer.getByText(`ID: ${id}`)).toBeVisible();
  await expect(drawer.getByRole("link", { name: "Close contact details" })).toBeVisible();
  await expectNoScriptButtons(page);

  await page.goto("/inbox");
  await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Conversations" })).toBeVisible();
  await expectNoScriptButtons(page);
});
