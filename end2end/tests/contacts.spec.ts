import { expect, type Page } from "@playwright/test";
import { test } from "./helpers";
import { readFile } from "node:fs/promises";
import { USERS, expectAccessible, hydrated, signIn } from "./helpers";

async function openContacts(page: Page, email: string = USERS.owner.email) {
  await signIn(page, email);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contacts" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Contacts" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Contacts" })).toBeVisible();
  await hydrated(page);
}

const table = (page: Page) => page.getByRole("table", { name: "Contacts" });
const bodyRows = (page: Page) => table(page).locator("tbody tr");

test("R24 search finds contacts as the user types", async ({ page }) => {
  await openContacts(page);
  const firstName = (await bodyRows(page).first().getByRole("rowheader").getByRole("link").innerText()).trim().split(" ")[0];
  await page.getByLabel("Search contacts").pressSequentially(firstName, { delay: 30 });
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(firstName)}`));
  await expect(bodyRows(page).first()).toBeVisible();
  // The rows follow the URL once the search's answer is in.
  await expect
    .poll(async () => {
      const names = await table(page).locator("tbody th a").allInnerTexts();
      return names.filter((name) => !name.toLowerCase().includes(firstName.toLowerCase()));
    })
    .toEqual([]);
  // The URL is the state: a reload shows the same search.
  await page.reload();
  await expect(page.getByLabel("Search contacts")).toHaveValue(firstName);
  await expectAccessible(page);
});

test("R24 tag filter lists only contacts with the tag", async ({ page }) => {
  await openContacts(page, USERS.agent.email);
  await page.getByRole("group", { name: "Filter by tag" }).getByLabel("VIP").check();
  await expect(page).toHaveURL(/tag=VIP/);
  await expect(bodyRows(page).first()).toBeVisible();
  // The rows follow the URL once the filtered answer is in.
  await expect
    .poll(async () => {
      const chips = await bodyRows(page).locator(".chips").allInnerTexts();
      const rows = await bodyRows(page).count();
      return chips.length === rows && chips.every((text) => text.includes("VIP"));
    })
    .toBe(true);
});

test("R31 select page shows the bulk bar with every action enabled", async ({ page }) => {
  await openContacts(page);
  await expect(page.getByRole("region", { name: "Bulk actions" })).toHaveCount(0);
  await page.getByLabel("Select page").check();
  const bar = page.getByRole("region", { name: "Bulk actions" });
  await expect(bar.getByText("50 selected")).toBeVisible();
  for (const name of ["Assign tags", "Export to CSV", "Delete"]) {
    await expect(bar.getByRole("button", { name, exact: true })).toBeEnabled();
  }
});

test("R34 select all over 100 disables Assign tags and Export to CSV and keeps Delete", async ({ page }) => {
  await openContacts(page);
  await page.getByLabel("Select page").check();
  const bar = page.getByRole("region", { name: "Bulk actions" });
  await bar.getByRole("button", { name: /^Select all \d+ contacts$/ }).click();
  await expect(bar.getByText(/^All \d+ contacts selected$/)).toBeVisible();
  const assign = bar.getByRole("button", { name: "Assign tags" });
  const exportCsv = bar.getByRole("button", { name: "Export to CSV" });
  await expect(assign).toBeDisabled();
  await expect(assign).toHaveAccessibleDescription("Tags can be assigned to at most 100 contacts at once.");
  await expect(exportCsv).toBeDisabled();
  await expect(exportCsv).toHaveAccessibleDescription("At most 100 contacts can be exported at once.");
  // The reasons are written out, not only announced.
  await expect(bar.getByText("Tags can be assigned to at most 100 contacts at once.")).toBeVisible();
  await expect(bar.getByText("At most 100 contacts can be exported at once.")).toBeVisible();
  await expect(bar.getByRole("button", { name: "Delete", exact: true })).toBeEnabled();
  await expectAccessible(page);
});

test("R34 assign tags to a few contacts", async ({ page }) => {
  await openContacts(page, USERS.manager.email);
  for (const index of [0, 1, 2]) {
    await bodyRows(page).nth(index).getByRole("checkbox").check();
  }
  const bar = page.getByRole("region", { name: "Bulk actions" });
  await expect(bar.getByText("3 selected")).toBeVisible();
  await bar.getByRole("button", { name: "Assign tags" }).click();
  const dialog = page.getByRole("dialog", { name: "Assign tags" });
  await dialog.getByLabel("New tag").fill("Spring fair");
  await dialog.getByRole("button", { name: "Create tag" }).click();
  await dialog.getByRole("button", { name: "Apply tags" }).click();
  await expect(dialog).toHaveCount(0);
  for (const index of [0, 1, 2]) {
    await expect(bodyRows(page).nth(index).locator(".chips")).toContainText("Spring fair");
  }
  await expect(bodyRows(page).nth(3).locator(".chips")).not.toContainText("Spring fair");
  // The new tag is offered by the tag filter right away.
  await page.getByRole("group", { name: "Filter by tag" }).getByRole("checkbox", { name: "Spring fair" }).check();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/tag=Spring/);
  await expect(bodyRows(page)).toHaveCount(3);
});

test("R34 export to CSV downloads the selected contacts", async ({ page }) => {
  await openContacts(page, USERS.agent.email);
  const names: string[] = [];
  for (const index of [0, 1]) {
    const row = bodyRows(page).nth(index);
    names.push((await row.getByRole("rowheader").getByRole("link").innerText()).trim());
    await row.getByRole("checkbox").check();
  }
  const downloading = page.waitForEvent("download");
  await page.getByRole("region", { name: "Bulk actions" }).getByRole("button", { name: "Export to CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("contacts.csv");
  const text = await readFile(await download.path(), "utf-8");
  const lines = text.trim().split("\r\n");
  expect(lines[0]).toBe(
    "Name,Channels,E-mail,Phone,Tags,Country,Language,Conversation status,Assignee,Last message,Date added",
  );
  expect(lines).toHaveLength(3);
  for (const name of names) {
    expect(text).toContain(name);
  }
});

test("R30 R31 delete states the exact count and removes the contacts in the background", async ({ page }) => {
  await openContacts(page, USERS.manager.email);
  // "Save and add another" keeps the dialog open with an empty form.
  await page.getByRole("button", { name: "Add contact" }).click();
  const form = page.getByRole("dialog", { name: "Add contact" });
  for (const last of ["Alpha", "Beta"]) {
    await form.getByLabel("First name").fill("Leaving");
    await form.getByLabel("Last name").fill(last);
    await form.getByLabel("Phone number").fill("+49 30 1234567");
    await expect(form.getByText("Will be saved as +49 30 1234567")).toBeVisible();
    await form.getByRole("button", { name: "Save and add another" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Leaving ${last} was added.` })).toBeVisible();
    await expect(form.getByLabel("First name")).toHaveValue("");
    await expect(form.getByLabel("First name")).toBeFocused();
  }
  await form.getByRole("button", { name: "Close" }).click();
  await page.getByLabel("Search contacts").fill("Leaving");
  await expect(bodyRows(page)).toHaveCount(2);
  await page.getByLabel("Select page").check();
  await page.getByRole("region", { name: "Bulk actions" }).getByRole("button", { name: "Delete", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Delete contacts" });
  await expect(dialog).toContainText(
    "Delete 2 contacts? Their conversation history will be deleted too. This cannot be undone.",
  );
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Delete 2" }).click();
  await expect(page.getByRole("region", { name: "Deletion" })).toContainText("Deletion finished: 2 contacts deleted.");
  await expect(page.getByText("No contacts match “Leaving”.")).toBeVisible();
});

test("R32 delete all shows its progress and empties the workspace", async ({ page }) => {
  await openContacts(page, "owner@acme.test");
  // "Delete all" sits behind "More" and asks for the count to be typed.
  await page.getByText("More", { exact: true }).click();
  await page.getByRole("button", { name: "Delete all" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete all contacts" });
  await expect(dialog).toContainText(
    "Delete all 40 contacts of this workspace (39 in All contacts and 1 blocked)? Their conversation history will be deleted too. This cannot be undone.",
  );
  const typed = dialog.getByLabel("To confirm, type the number of contacts (40)");
  await expect(typed).toBeFocused();
  await expect(dialog.getByRole("button", { name: "Delete 40" })).toBeDisabled();
  await typed.fill("4");
  await expect(dialog.getByRole("button", { name: "Delete 40" })).toBeDisabled();
  await typed.fill("40");
  await dialog.getByRole("button", { name: "Delete 40" }).click();
  const progress = page.getByRole("region", { name: "Deletion" });
  await expect(progress.getByRole("progressbar", { name: "Deletion progress" })).toBeVisible();
  await expect(progress).toContainText("Deletion finished: 40 contacts deleted.");
  await expect(page.getByRole("link", { name: "All contacts (0)" })).toBeVisible();
});

test("R28 blocked contacts are listed in their own view, not in the main list", async ({ page }) => {
  await openContacts(page, USERS.agent.email);
  const statuses = await table(page).locator("tbody .status").allInnerTexts();
  expect(statuses).not.toContain("Blocked");
  await page.getByRole("link", { name: /^Blocked contacts \(\d+\)$/ }).click();
  await expect(page).toHaveURL(/view=blocked/);
  await expect(page.getByRole("link", { name: /^Blocked contacts/ })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("link", { name: /^All contacts/ })).not.toHaveAttribute("aria-current", "page");
  await expect(bodyRows(page).first()).toBeVisible();
  for (const status of await table(page).locator("tbody .status").allInnerTexts()) {
    expect(status).toBe("Blocked");
  }
  await expectAccessible(page);
  await bodyRows(page).first().getByRole("rowheader").getByRole("link").click();
  await expect(page).toHaveURL(/view=blocked.*contact=\d+/);
  await expect(page.getByLabel("Contact details").first()).toBeVisible();
});

test("R2 clicking a contact opens the drawer, and the link survives a reload", async ({ page }) => {
  await openContacts(page, USERS.agent.email);
  await bodyRows(page).first().getByRole("rowheader").getByRole("link").click();
  await expect(page).toHaveURL(/contact=\d+/);
  const drawer = page.getByLabel("Contact details").first();
  await expect(drawer).toBeVisible();
  await page.reload();
  await expect(drawer).toBeVisible();
});

test("Add contact closes and opens the new contact's drawer", async ({ page }) => {
  await openContacts(page, USERS.manager.email);
  await page.getByRole("button", { name: "Add contact" }).click();
  const form = page.getByRole("dialog", { name: "Add contact" });
  const last = `Newcomer${Date.now() % 100000}`;
  await form.getByLabel("First name").fill("Nora");
  await form.getByLabel("Last name").fill(last);
  await form.getByRole("button", { name: "Save contact" }).click();
  await expect(form).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: `Nora ${last} was added.` })).toBeVisible();
  await expect(page).toHaveURL(/[?&]contact=\d+/);
  const drawer = page.getByRole("dialog", { name: `Nora ${last}` });
  await expect(drawer).toBeVisible();
  // Escape closes it and focus goes back to where the user was.
  await page.keyboard.press("Escape");
  await expect(drawer).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add contact" })).toBeFocused();
});

test("R32 Delete all counts blocked contacts apart", async ({ page }) => {
  await openContacts(page, USERS.owner.email);
  const listed = await page.getByRole("link", { name: /^All contacts \(\d+\)$/ }).innerText();
  const blocked = await page.getByRole("link", { name: /^Blocked contacts \(\d+\)$/ }).innerText();
  const count = (text: string) => Number(text.replace(/\D/g, ""));
  await page.getByText("More", { exact: true }).click();
  await page.getByRole("button", { name: "Delete all" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete all contacts" });
  const total = count(listed) + count(blocked);
  await expect(dialog).toContainText(
    `Delete all ${total} contacts of this workspace (${count(listed)} in All contacts and ${count(blocked)} blocked)?`,
  );
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
});

test("R32 Delete all is refused to agents, with the reason written out", async ({ page }) => {
  await openContacts(page, USERS.agent.email);
  await page.getByText("More", { exact: true }).click();
  const deleteAll = page.getByRole("button", { name: "Delete all" });
  await expect(deleteAll).toBeDisabled();
  await expect(page.locator("#delete-all-reason")).toBeVisible();
});
