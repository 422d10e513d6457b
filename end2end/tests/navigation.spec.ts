import { expect } from "@playwright/test";
import { test } from "./helpers";
import { USERS, signIn } from "./helpers";

test("the side navigation marks the current page after client-side navigation", async ({ page }) => {
  await signIn(page, USERS.manager.email);
  const nav = page.getByRole("navigation", { name: "Main" });
  const link = (name: string) => nav.getByRole("link", { name, exact: true });
  await expect(link("Dashboard")).toHaveAttribute("aria-current", "page");

  for (const [name, heading] of [
    ["Contacts", "Contacts"],
    ["Inbox", "Inbox"],
    ["Settings", "Settings"],
    ["Dashboard", "Dashboard"],
  ]) {
    await link(name).click();
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(link(name)).toHaveAttribute("aria-current", "page");
    const others = ["Dashboard", "Inbox", "Contacts", "Settings"].filter((other) => other !== name);
    for (const other of others) {
      await expect(link(other)).not.toHaveAttribute("aria-current", "page");
    }
  }
});
