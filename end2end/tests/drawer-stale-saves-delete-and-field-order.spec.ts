import { expect, type Page } from "@playwright/test";
import { test } from "./helpers";
import { USERS, hydrated, signIn } from "./helpers";

/** The parts of `details_get`'s answer these tests read. */
type Details = {
  id: number;
  version: number;
  first_name: string;
  last_name: string;
  email: string | null;
  field_order: string[];
};

/** The answer of `settings_fields_get`. */
type FieldSettings = { order: string[] };

/** The message a stale save is refused with (`STALE_VERSION` in app/src/details/model.rs). */
const STALE =
  "Someone else changed this contact in the meantime. The drawer now shows the current values; check them and try again.";

async function api(page: Page, endpoint: string, body: unknown) {
  const origin = new URL(page.url()).origin;
  return page.request.post(`/api/${endpoint}`, { data: body, headers: { Origin: origin } });
}

/** A short suffix that makes this run's names and addresses unique. */
const stamp = () => `${Date.now() % 1_000_000}${Math.floor(Math.random() * 100)}`;

/** Adds a fresh contact of its own for one test (no phone, unique e-mail: no merge suggestions). */
async function addContact(page: Page, first: string, last: string): Promise<Details> {
  const response = await api(page, "contacts_add", {
    contact: {
      first_name: first,
      last_name: last,
      phone: "",
      email: `${last.toLowerCase()}@drawer.test`,
      country: "",
      language: "",
    },
  });
  expect(response.status(), await response.text()).toBe(200);
  const { id } = (await response.json()) as { id: number };
  return getContact(page, id);
}

async function getContact(page: Page, id: number): Promise<Details> {
  const response = await api(page, "details_get", { request: { contact_id: id } });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as Details;
}

async function openDrawer(page: Page, path: string) {
  await page.goto(path);
  await hydrated(page);
  const drawer = page.getByRole("dialog");
  await expect(drawer).toBeVisible();
  return drawer;
}

test("R4 R18 a second save of an outdated contact is refused and shows the current value", async ({
  page,
  browser,
  baseURL,
}) => {
  const suffix = stamp();
  const last = `Stale${suffix}`;
  await signIn(page, USERS.manager.email);
  const contact = await addContact(page, "Original", last);
  const otherContext = await browser.newContext({ baseURL });
  try {
    const other = await otherContext.newPage();
    await signIn(other, USERS.agent.email);

    // Both users open the same contact before either changes it.
    const first = await openDrawer(page, `/contacts?contact=${contact.id}`);
    const second = await openDrawer(other, `/contacts?contact=${contact.id}`);
    await expect(first.getByRole("heading", { level: 2 })).toHaveText(`Original ${last}`);
    await expect(second.getByRole("heading", { level: 2 })).toHaveText(`Original ${last}`);

    // R4: the manager renames first.
    await first.getByRole("button", { name: "Edit name" }).click();
    await first.getByLabel("First name", { exact: true }).fill("Managed");
    await first.getByRole("button", { name: "Save name" }).click();
    await expect(first.getByRole("heading", { level: 2 })).toHaveText(`Managed ${last}`);

    // The agent's drawer still holds the old version: its save is refused.
    await second.getByRole("button", { name: "Edit name" }).click();
    await second.getByLabel("First name", { exact: true }).fill("Agented");
    await second.getByRole("button", { name: "Save name" }).click();
    await expect(second.getByRole("status").filter({ hasText: STALE })).toBeVisible();
    await expect(second.getByRole("heading", { level: 2 })).toHaveText(`Managed ${last}`);
    await expect(second.locator('[data-field="field-first_name"]')).toContainText("Managed");
    expect((await getContact(other, contact.id)).first_name).toBe("Managed");

    // R18: the same with a standard field; the agent's drawer is outdated again.
    const managerEmail = `manager-${suffix}@drawer.test`;
    const agentEmail = `agent-${suffix}@drawer.test`;
    const firstEmail = first.locator('[data-field="field-email"]');
    const secondEmail = second.locator('[data-field="field-email"]');
    await first.getByRole("button", { name: "Edit E-mail address" }).click();
    await first.getByLabel("E-mail address", { exact: true }).fill(managerEmail);
    await first.getByRole("button", { name: "Save E-mail address" }).click();
    await expect(firstEmail).toContainText(managerEmail);
    await expect(first.getByRole("button", { name: "Save E-mail address" })).toHaveCount(0);

    await expect(secondEmail).toContainText(contact.email ?? "");
    await second.getByRole("button", { name: "Edit E-mail address" }).click();
    await second.getByLabel("E-mail address", { exact: true }).fill(agentEmail);
    await second.getByRole("button", { name: "Save E-mail address" }).click();
    await expect(second.getByRole("status").filter({ hasText: STALE })).toBeVisible();
    await expect(second.getByRole("button", { name: "Save E-mail address" })).toHaveCount(0);
    await expect(secondEmail).toContainText(managerEmail);
    await expect(secondEmail).not.toContainText(agentEmail);

    const stored = await getContact(page, contact.id);
    expect(stored.first_name).toBe("Managed");
    expect(stored.email).toBe(managerEmail);
  } finally {
    await otherContext.close();
  }
});

test("R29 delete a contact from the drawer's more-actions menu", async ({ page }) => {
  const last = `Doomed${stamp()}`;
  await signIn(page, USERS.manager.email);
  const contact = await addContact(page, "Leaving", last);

  await page.goto(`/contacts?q=${encodeURIComponent(last)}`);
  await hydrated(page);
  const rows = page.getByRole("table", { name: "Contacts" }).locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await rows.first().getByRole("rowheader").getByRole("link", { name: `Leaving ${last}` }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]contact=${contact.id}(&|$)`));
  const drawer = page.getByRole("dialog");
  await expect(drawer.getByText(`ID: ${contact.id}`)).toBeVisible();

  await drawer.getByRole("button", { name: "More actions" }).click();
  await drawer.getByRole("menuitem", { name: "Delete contact" }).click();
  const confirm = drawer.getByRole("alertdialog");
  await expect(confirm).toContainText(`Delete Leaving ${last}?`);
  await expect(confirm).toContainText("This cannot be undone.");
  await confirm.getByRole("button", { name: "Delete", exact: true }).click();

  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page).not.toHaveURL(/[?&]contact=/);
  await expect(page.getByRole("table", { name: "Contacts" }).getByText(`Leaving ${last}`)).toHaveCount(0);
  await expect(page.getByText(`No contacts match “${last}”.`)).toBeVisible();
  await expect(page.getByRole("link", { name: "Clear filters" })).toBeVisible();

  const response = await api(page, "details_get", { request: { contact_id: contact.id } });
  expect(response.status()).toBe(404);
});

test("R20 reorder fields by drag and drop in Settings → Contact fields and the drawer follows", async ({ page }) => {
  await signIn(page, USERS.manager.email);
  const settings = await api(page, "settings_fields_get", {});
  expect(settings.status(), await settings.text()).toBe(200);
  const original = ((await settings.json()) as FieldSettings).order;
  const from = original.indexOf("phone");
  const to = original.indexOf("country");
  expect(from).toBeGreaterThan(to);
  const contact = await addContact(page, "Ordered", `Fields${stamp()}`);

  try {
    await page.goto("/settings/fields");
    await expect(page.getByRole("heading", { level: 1, name: "Contact fields" })).toBeVisible();
    await hydrated(page);
    const section = page.getByRole("region", { name: "Field order" });
    const labels = section.locator(".order-label");
    const item = (label: string) =>
      section.getByRole("listitem").filter({ has: page.locator(".order-label", { hasText: new RegExp(`^${label}$`) }) });
    await expect(labels).toHaveCount(original.length);

    await item("Phone number").dragTo(item("Country"));
    await expect(section.getByRole("status")).toHaveText(
      `Phone number moved to position ${to + 1} of ${original.length}.`,
    );
    await expect(labels.nth(to)).toHaveText("Phone number");
    await expect(labels.nth(to + 1)).toHaveText("Country");
    await section.getByRole("button", { name: "Save order" }).click();
    await expect(section.getByRole("status")).toHaveText("Field order saved.");

    const expected = [...original];
    expected.splice(to, 0, ...expected.splice(from, 1));
    await page.reload();
    await hydrated(page);
    await expect(page.getByRole("region", { name: "Field order" }).locator(".order-label").nth(to)).toHaveText(
      "Phone number",
    );
    await expect(page.getByRole("region", { name: "Field order" }).locator(".order-label").nth(to + 1)).toHaveText(
      "Country",
    );
    const saved = ((await (await api(page, "settings_fields_get", {})).json()) as FieldSettings).order;
    expect(saved).toEqual(expected);

    const drawer = await openDrawer(page, `/contacts?contact=${contact.id}`);
    await expect(drawer.getByText(`ID: ${contact.id}`)).toBeVisible();
    const standardKeys = ["profile", "first_name", "last_name", "country", "language", "email", "phone", "assignee", "conversation_status"];
    const rowId = (key: string) => (standardKeys.includes(key) ? `field-${key}` : `custom-${key}`);
    const rows = drawer.locator(".field-list > .field-row");
    await expect(rows).toHaveCount(expected.length);
    const shown = await rows.evaluateAll((elements) => elements.map((e) => e.getAttribute("data-field")));
    expect(shown).toEqual(expected.map(rowId));
    expect(shown.indexOf("field-phone")).toBe(shown.indexOf("field-country") - 1);
  } finally {
    // Put the workspace's order back so other test files see the default.
    const restored = await api(page, "settings_save_order", { edit: { keys: original } });
    expect(restored.status(), await restored.text()).toBe(200);
  }
});
