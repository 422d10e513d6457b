// How the product feels to an agent who lives in it: the three Inbox panes,
// the contacts table that fits, sorts both ways and says where it is, the
// drawer driven by keyboard, and changes that show at once.
import { expect, type Locator, type Page } from "@playwright/test";
import { test } from "./helpers";
import { USERS, hydrated, signIn } from "./helpers";

async function openContacts(page: Page, query = "") {
  await page.goto(`/contacts${query}`);
  await expect(page.getByRole("table", { name: "Contacts" })).toBeVisible();
  await hydrated(page);
}

/** Renames the drawer's contact with its name editor and waits for the toast. */
async function rename(drawer: Locator, first: string, last: string) {
  await drawer.getByRole("button", { name: "Edit name" }).click();
  await drawer.getByLabel("First name", { exact: true }).fill(first);
  await drawer.getByLabel("Last name", { exact: true }).fill(last);
  await drawer.getByLabel("Last name", { exact: true }).press("Enter");
  await expect(drawer.page().getByRole("status").filter({ hasText: "Name saved" })).toBeVisible();
}

const rowLinks = (page: Page) => page.getByRole("table", { name: "Contacts" }).locator("tbody th a");

test.describe("at 1440 × 900", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("the contacts table fits the window, sorts both ways and says which rows it shows", async ({ page }) => {
    await signIn(page, USERS.owner.email);
    await openContacts(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    for (const name of ["Conversation status", "Assignee", "Last message", "Date added"]) {
      await expect(page.getByRole("columnheader", { name: new RegExp(name) }).first()).toBeVisible();
    }

    const pager = page.getByRole("navigation", { name: "Pages" });
    await expect(pager).toContainText(/^1–50 of [\d,]+/);
    await pager.getByRole("link", { name: "Next page" }).click();
    await expect(pager).toContainText(/51–100 of [\d,]+/);

    const added = page.getByRole("columnheader", { name: /Date added/ });
    await expect(added).toHaveAttribute("aria-sort", "descending");
    await added.getByRole("link").click();
    await expect(added).toHaveAttribute("aria-sort", "ascending");
    await expect(page).toHaveURL(/dir=ascending/);
    await expect(pager).toContainText(/^1–50 of/);
    await expect(page.getByRole("columnheader", { name: /Last message/ })).toHaveAttribute("aria-sort", "none");
    // Only the view that is shown is marked current.
    await expect(page.locator('.contacts-table [aria-current="page"]')).toHaveCount(0);
  });

  test("the Inbox shows list, conversation and contact details side by side", async ({ page }) => {
    await signIn(page, USERS.agent.email);
    await page.goto("/inbox");
    await hydrated(page);
    await page.getByRole("region", { name: "Conversations" }).getByRole("listitem").first().getByRole("link").click();
    await page.getByRole("link", { name: "Contact details", exact: true }).click();
    const list = await page.getByRole("region", { name: "Conversations" }).boundingBox();
    const conversation = await page.getByRole("region", { name: "Conversation", exact: true }).boundingBox();
    const details = await page.getByRole("dialog").boundingBox();
    expect(list && conversation && details).toBeTruthy();
    if (list && conversation && details) {
      expect(list.x + list.width).toBeLessThanOrEqual(conversation.x);
      expect(conversation.x + conversation.width).toBeLessThanOrEqual(details.x);
      expect(Math.abs(list.y - conversation.y)).toBeLessThan(2);
      expect(list.y + list.height).toBeLessThanOrEqual(900);
    }
  });
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the Inbox shows one pane at a time, with a way back to the list", async ({ page }) => {
    await signIn(page, USERS.agent.email);
    await page.goto("/inbox");
    await hydrated(page);
    const list = page.getByRole("region", { name: "Conversations" });
    const conversation = page.getByRole("region", { name: "Conversation", exact: true });
    await expect(list).toBeVisible();
    await expect(conversation).toBeHidden();
    await list.getByRole("listitem").first().getByRole("link").click();
    await expect(conversation).toBeVisible();
    await expect(list).toBeHidden();
    await page.getByRole("link", { name: "Back to conversations" }).click();
    await expect(list).toBeVisible();
    await expect(conversation).toBeHidden();
  });
});

test("the drawer takes focus, Escape closes it from anywhere, and focus returns to its row", async ({ page }) => {
  await signIn(page, USERS.agent.email);
  await openContacts(page);
  const link = rowLinks(page).first();
  const name = await link.innerText();
  await link.focus();
  await page.keyboard.press("Enter");
  const drawer = page.getByRole("dialog", { name });
  await expect(drawer).toBeVisible();
  await expect(drawer).toHaveAttribute("aria-modal", "true");
  await expect(drawer.getByRole("link", { name: "Close contact details" })).toBeFocused();
  // Tab stays inside the modal drawer.
  for (let i = 0; i < 25; i += 1) {
    await page.keyboard.press("Tab");
    expect(await drawer.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(drawer).toHaveCount(0);
  await expect(rowLinks(page).filter({ hasText: name }).first()).toBeFocused();
});

test("a tag is added by keyboard alone, and focus never falls to the page", async ({ page }) => {
  await signIn(page, USERS.manager.email);
  await openContacts(page);
  await rowLinks(page).first().click();
  const drawer = page.getByRole("dialog");
  await expect(drawer.getByRole("button", { name: "Add tag" })).toBeVisible();
  await drawer.getByRole("button", { name: "Add tag" }).focus();
  await page.keyboard.press("Enter");
  const search = drawer.getByRole("searchbox", { name: "Search tags" });
  await expect(search).toBeFocused();
  const tag = `Keyboard ${Date.now() % 100000}`;
  await page.keyboard.type(tag);
  await page.keyboard.press("Tab");
  await expect(drawer.getByRole("button", { name: `Create tag "${tag}"` })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(drawer.getByRole("button", { name: `Remove tag ${tag}` })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Tag added" })).toBeVisible();
  // Arrow keys walk the list; Space ticks a tag and focus stays on it.
  await search.focus();
  await page.keyboard.press("ArrowDown");
  const first = drawer.locator(".tag-options input").first();
  await expect(first).toBeFocused();
  const id = await first.getAttribute("id");
  const name = (await drawer.locator(`label[for="${id}"]`).innerText()).trim();
  const chip = drawer.getByRole("button", { name: `Remove tag ${name}`, exact: true });
  const wasTicked = (await chip.count()) > 0;
  await page.keyboard.press("Space");
  // Once the change is stored and the drawer read again, focus is still on it.
  await expect(chip).toHaveCount(wasTicked ? 0 : 1);
  await expect(drawer.locator(`#${id}`)).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(drawer.getByRole("button", { name: "Add tag" })).toBeFocused();
});

test("a renamed contact's row changes at once, with a toast", async ({ page }) => {
  await signIn(page, USERS.manager.email);
  await openContacts(page);
  await rowLinks(page).first().click();
  const drawer = page.getByRole("dialog");
  const last = `Renamed${Date.now() % 100000}`;
  await rename(drawer, "Rita", last);
  await expect(page.getByRole("table", { name: "Contacts" }).getByRole("link", { name: `Rita ${last}` })).toBeVisible();
});

test("a contact renamed in the Inbox's drawer is renamed in the conversation list at once", async ({ page }) => {
  await signIn(page, USERS.manager.email);
  await page.goto("/inbox");
  await hydrated(page);
  const list = page.getByRole("region", { name: "Conversations" });
  await list.getByRole("listitem").first().getByRole("link").first().click();
  await page.getByRole("link", { name: "Contact details", exact: true }).click();
  const drawer = page.getByRole("dialog");
  const last = `Inboxed${Date.now() % 100000}`;
  await rename(drawer, "Rosa", last);
  await expect(list.getByText(`Rosa ${last}`)).toBeVisible();
});

test("search finds words in any order, without accents, and inside e-mail addresses", async ({ page }) => {
  await signIn(page, USERS.manager.email);
  const suffix = Date.now() % 100000;
  const response = await page.request.post("/api/contacts_add", {
    headers: { Origin: new URL(page.url()).origin },
    data: {
      contact: {
        first_name: "Jördis",
        last_name: `Wüstenhagen${suffix}`,
        phone: "",
        email: `jw.${suffix}@firma-beispiel.test`,
        country: "",
        language: "",
      },
    },
  });
  expect(response.ok()).toBeTruthy();
  const name = `Jördis Wüstenhagen${suffix}`;
  for (const typed of [`Wüstenhagen${suffix} Jördis`, `wustenhagen${suffix} jordis`, `jw.${suffix}`, `${suffix}@firma`]) {
    await openContacts(page, `?q=${encodeURIComponent(typed)}`);
    await expect(page.getByLabel("Search contacts")).toHaveValue(typed);
    await expect(rowLinks(page)).toHaveText([name]);
  }
});

test("the Blocked view unblocks a selection in bulk", async ({ page }) => {
  await signIn(page, USERS.manager.email);
  await openContacts(page, "?view=blocked");
  const before = await rowLinks(page).count();
  expect(before).toBeGreaterThan(0);
  const name = await rowLinks(page).first().innerText();
  await page.getByRole("checkbox", { name: `Select ${name}` }).check();
  await page.getByRole("region", { name: "Bulk actions" }).getByRole("button", { name: "Unblock" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 contact unblocked" })).toBeVisible();
  await expect(rowLinks(page).filter({ hasText: name })).toHaveCount(0);
});

test("an empty result says why and clears the filters", async ({ page }) => {
  await signIn(page, USERS.agent.email);
  await page.goto("/contacts?q=zzzz-nobody");
  await hydrated(page);
  await expect(page.getByText("No contacts match “zzzz-nobody”.")).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(rowLinks(page).first()).toBeVisible();
  await expect(page.getByLabel("Search contacts")).toHaveValue("");
});
