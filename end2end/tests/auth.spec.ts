import { expect } from "@playwright/test";
import { test } from "./helpers";
import { USERS, expectAccessible, hydrated, signIn } from "./helpers";

test("a signed-out visit to any page leads to the sign-in page", async ({ page }) => {
  await page.goto("/contacts");
  await expect(page).toHaveURL(/\/login\?next=\/contacts$/);
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
  await expect(page.getByText("customer messaging workspace")).toBeVisible();
  // "Forgot password?" says what to do, without the page's code too.
  await page.getByText("Forgot password?").click();
  await expect(page.getByText(/Ask an owner of your workspace/)).toBeVisible();
  await expectAccessible(page);
});

test("a wrong password gets one generic message", async ({ page }) => {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Email").fill(USERS.agent.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Email or password is incorrect.");
  await expect(page).toHaveURL(/\/login$/);
});

for (const [key, user] of Object.entries(USERS)) {
  test(`signing in as ${key} shows the app shell`, async ({ page }) => {
    await signIn(page, user.email);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const name of ["Dashboard", "Inbox", "Contacts", "Settings"]) {
      await expect(nav.getByRole("link", { name })).toBeVisible();
    }
    await expect(nav.getByText(user.name)).toBeVisible();
    await expect(page.getByTestId("role")).toHaveText(user.role);
    await expect(page.getByTestId("workspace-name")).toHaveText("Demo");
    await expect(page.getByRole("main")).toBeVisible();
    await expectAccessible(page);
  });
}

test("every page of the shell renders and is accessible", async ({ page }) => {
  await signIn(page, USERS.manager.email);
  for (const name of ["Inbox", "Contacts", "Settings", "Dashboard"]) {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expectAccessible(page);
  }
});

test("an unknown address shows the not-found page", async ({ page }) => {
  await signIn(page, USERS.agent.email);
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expectAccessible(page);
});

test("a member of two workspaces switches between them", async ({ page }) => {
  await signIn(page, USERS.manager.email);
  await expect(page.getByTestId("workspace-name")).toHaveText("Demo");
  await page.getByLabel("Workspace").selectOption({ label: "Acme Support" });
  await page.getByRole("button", { name: "Switch" }).click();
  await expect(page.getByTestId("workspace-name")).toHaveText("Acme Support");
  await expect(page.getByTestId("role")).toHaveText("Agent");
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, USERS.owner.email);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});
