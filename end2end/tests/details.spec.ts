import { expect, type Page } from "@playwright/test";
import { test } from "./helpers";
import { USERS, expectAccessible, hydrated, signIn } from "./helpers";

/** The parts of `details_get`'s answer the tests pick contacts by. */
type Details = {
  id: number;
  first_name: string;
  phone: string | null;
  email: string | null;
  country_manual: boolean;
  blocked: boolean;
  tags: { id: number; name: string }[];
  custom_fields: { definition: { key: string }; value: string | null }[];
  channels: { status: { channel: { id: number; kind: string; name: string }; availability: { state: string } } }[];
};

/** Contacts already used by a test in this file, so each test gets its own. */
const used = new Set<number>();

async function api(page: Page, endpoint: string, body: unknown) {
  const origin = new URL(page.url()).origin;
  return page.request.post(`/api/${endpoint}`, { data: body, headers: { Origin: origin } });
}

/** The first unused seeded contact of the signed-in workspace that matches. */
async function pickContact(page: Page, wanted: (contact: Details) => boolean): Promise<Details> {
  for (let id = 1; id <= 400; id++) {
    if (used.has(id)) continue;
    const response = await api(page, "details_get", { request: { contact_id: id } });
    if (!response.ok()) continue;
    const contact = (await response.json()) as Details;
    if (!contact.blocked && wanted(contact)) {
      used.add(id);
      return contact;
    }
  }
  throw new Error("no seeded contact matches");
}

const active = (contact: Details, kind: string) =>
  contact.channels.some((c) => c.status.channel.kind === kind && c.status.availability.state === "active");

async function openDrawer(page: Page, path: string) {
  await page.goto(path);
  await hydrated(page);
  const drawer = page.getByRole("dialog");
  await expect(drawer).toBeVisible();
  return drawer;
}

test("R2 R3 the drawer opens from Contacts with name and ID, and Escape closes it", async ({ page }) => {
  await signIn(page, USERS.agent.email);
  const contact = await pickContact(page, (c) => c.first_name !== "");
  const drawer = await openDrawer(page, `/contacts?contact=${contact.id}`);
  await expect(drawer.getByRole("heading", { level: 2 })).toContainText(contact.first_name);
  await expect(drawer.getByText(`ID: ${contact.id}`)).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Contacts" })).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/\/contacts$/);
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test("R1 R10 R26 the drawer opens from the Inbox without block or remove channel", async ({ page }) => {
  await signIn(page, USERS.manager.email);
  const contact = await pickContact(page, (c) => c.channels.some((ch) => ch.status.availability.state === "active"));
  const drawer = await openDrawer(page, `/inbox?contact=${contact.id}&details=open`);
  await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  await expect(drawer.getByText(`ID: ${contact.id}`)).toBeVisible();
  await expect(drawer.getByRole("button", { name: "More actions" })).toHaveCount(0);
  await drawer.getByRole("tab", { name: "Channels" }).click();
  await expect(drawer.getByRole("heading", { name: "Active", exact: true })).toBeVisible();
  await expect(drawer.getByRole("button", { name: "Remove channel" })).toHaveCount(0);
  await drawer.getByRole("link", { name: "Close contact details" }).click();
  await expect(page).toHaveURL(new RegExp(`/inbox\\?contact=${contact.id}$`));
});

test("R4 edit name: save with Enter, cancel with Escape, invalid input refused", async ({ page }) => {
  await signIn(page, USERS.agent.email);
  const contact = await pickContact(page, () => true);
  const drawer = await openDrawer(page, `/contacts?contact=${contact.id}`);
  const title = drawer.getByRole("heading", { level: 2 });

  await drawer.getByRole("button", { name: "Edit name" }).click();
  await drawer.getByLabel("First name", { exact: true }).fill("<b>Ada</b>");
  await drawer.getByLabel("Last name", { exact: true }).fill("Lovelace");
  await drawer.getByLabel("Last name", { exact: true }).press("Enter");
  await expect(title).toHaveText("<b>Ada</b> Lovelace");
  // Keyboard focus stays in the drawer, on the control that started the edit.
  await expect(drawer.getByRole("button", { name: "Edit name" })).toBeFocused();

  await drawer.getByRole("button", { name: "Edit name" }).click();
  await drawer.getByLabel("First name", { exact: true }).fill("Changed");
  await drawer.getByLabel("First name", { exact: true }).press("Escape");
  await expect(title).toHaveText("<b>Ada</b> Lovelace");
  await expect(drawer.getByRole("button", { name: "Edit name" })).toBeFocused();
  await expect(page.getByRole("dialog")).toBeVisible();

  await drawer.getByRole("button", { name: "Edit name" }).click();
  await drawer.getByLabel("First name", { exact: true }).fill("");
  await drawer.getByLabel("Last name", { exact: true }).fill("   ");
  await expect(drawer.getByText("First name: enter a first name or a last name")).toBeVisible();
  await drawer.getByRole("button", { name: "Save name" }).click();
  await expect(drawer.getByLabel("First name", { exact: true })).toBeVisible();
  await drawer.getByLabel("First name", { exact: true }).press("Escape");
  await expect(title).toHaveText("<b>Ada</b> Lovelace");
});

test("R18 a phone typed in national format is stored in E.164 and sets the country", async ({ page }) => {
  await signIn(page, USERS.agent.email);
  const contact = await pickContact(page, (c) => !c.country_manual && (c.phone ?? "").startsWith("+49"));
  const drawer = await openDrawer(page, `/contacts?contact=${contact.id}`);
  const phone = drawer.locator('[data-field="field-phone"]');
  const country = drawer.locator('[data-field="field-country"]');

  await drawer.getByRole("button", { name: "Edit Phone number" }).click();
  await drawer.getByLabel("Phone number", { exact: true }).fill("12");
  await expect(phone.getByRole("alert")).toContainText("Phone number");
  await drawer.getByLabel("Phone number", { exact: true }).fill("+33 6 12 34 56 78");
  // The editor is wide enough to read the whole number.
  const fits = await drawer
    .getByLabel("Phone number", { exact: true })
    .evaluate((input: HTMLInputElement) => input.scrollWidth <= input.clientWidth);
  expect(fits).toBe(true);
  await drawer.getByRole("button", { name: "Save Phone number" }).click();
  await expect(phone.getByRole("link")).toHaveAttribute("href", "tel:+33612345678");
  await expect(phone.getByRole("link")).toHaveText("+33 6 12 34 56 78");
  await expect(country).toContainText("France (from phone number)");

  await drawer.getByRole("button", { name: "Edit Phone number" }).click();
  await drawer.getByLabel("Phone number", { exact: true }).fill("06 12 34 56 79");
  await drawer.getByLabel("Phone number", { exact: true }).press("Enter");
  await expect(phone.getByRole("link")).toHaveAttribute("href", "tel:+33612345679");
  await expect(drawer.getByRole("button", { name: "Edit Phone number" })).toBeFocused();
});

test("R19 custom fields of each type are edited with fitting controls", async ({ page }) => {
  await signIn(page, USERS.agent.email);
  const contact = await pickContact(page, () => true);
  const drawer = await openDrawer(page, `/contacts?contact=${contact.id}`);

  await drawer.getByRole("button", { name: "Edit Plan" }).click();
  await drawer.getByLabel("Plan", { exact: true }).selectOption("Enterprise");
  await drawer.getByRole("button", { name: "Save Plan" }).click();
  await expect(drawer.locator('[data-field="custom-plan"]')).toContainText("Enterprise");

  await drawer.getByRole("button", { name: "Edit Customer since" }).click();
  await drawer.getByLabel("Customer since", { exact: true }).fill("2024-05-17");
  await drawer.getByRole("button", { name: "Save Customer since" }).click();
  await expect(drawer.locator('[data-field="custom-customer_since"]')).toContainText("2024-05-17");

  await drawer.getByRole("button", { name: "Edit Lifetime value" }).click();
  await drawer.getByLabel("Lifetime value", { exact: true }).fill("99.5");
  await drawer.getByLabel("Lifetime value", { exact: true }).press("Enter");
  await expect(drawer.locator('[data-field="custom-lifetime_value"]')).toContainText("99.5");

  const newsletter = drawer.getByLabel("Newsletter", { exact: true });
  const wasChecked = await newsletter.isChecked();
  await newsletter.click();
  await expect(drawer.getByLabel("Newsletter", { exact: true })).toBeChecked({ checked: !wasChecked });
  await page.reload();
  await hydrated(page);
  await expect(page.getByRole("dialog").getByLabel("Newsletter", { exact: true })).toBeChecked({ checked: !wasChecked });
});

test("R20 reordering fields in settings changes the drawer's order", async ({ page }) => {
  await signIn(page, USERS.manager.email);
  await page.goto("/settings");
  await hydrated(page);
  await page.getByRole("link", { name: "Contact fields" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Contact fields" })).toBeVisible();
  await hydrated(page);
  await page.getByRole("button", { name: "Move up Phone number" }).click();
  await expect(page.getByRole("status").first()).toContainText("Phone number moved to position");
  await page.getByRole("button", { name: "Save order" }).click();
  await expect(page.getByText("Field order saved.")).toBeVisible();
  await expectAccessible(page);

  const contact = await pickContact(page, () => true);
  const drawer = await openDrawer(page, `/contacts?contact=${contact.id}`);
  const order = await drawer.locator(".field-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-field")));
  expect(order.indexOf("field-phone")).toBeLessThan(order.indexOf("field-email"));

  await page.goto("/settings/fields");
  await hydrated(page);
  await page.getByRole("button", { name: "Move down Phone number" }).click();
  await page.getByRole("button", { name: "Save order" }).click();
  await expect(page.getByText("Field order saved.")).toBeVisible();
});

test("R21 R22 R23 add an existing tag, create one, remove one that stays in the workspace", async ({ page }) => {
  await signIn(page, USERS.agent.email);
  const contact = await pickContact(page, (c) => c.tags.length === 0);
  const drawer = await openDrawer(page, `/contacts?contact=${contact.id}`);
  const tags = drawer.locator(".tag-list");

  await drawer.getByRole("button", { name: "Add tag" }).click();
  await drawer.getByLabel("Search tags", { exact: true }).fill("part");
  await drawer.getByLabel("Partner", { exact: true }).check();
  await expect(tags).toContainText("Partner");

  const fresh = `Trade fair ${Date.now() % 100000}`;
  await drawer.getByLabel("Search tags", { exact: true }).fill(fresh);
  await drawer.getByRole("button", { name: `Create tag "${fresh}"` }).click();
  await expect(tags).toContainText(fresh);

  await drawer.getByRole("button", { name: "Remove tag Partner" }).click();
  await expect(tags).not.toContainText("Partner");
  await drawer.getByLabel("Search tags", { exact: true }).fill("Partner");
  await expect(drawer.getByLabel("Partner", { exact: true })).not.toBeChecked();
});

test("R5 R6 R7 R8 R9 the channels tab shows three groups and Send first message opens the Inbox", async ({ page }) => {
  await signIn(page, USERS.agent.email);
  const contact = await pickContact(
    page,
    (c) => c.phone !== null && active(c, "facebook") && !active(c, "whatsapp") && !active(c, "telegram"),
  );
  const drawer = await openDrawer(page, `/contacts?contact=${contact.id}`);
  await drawer.getByRole("tab", { name: "Channels" }).click();
  const group = (name: string) => drawer.getByRole("region", { name, exact: true });
  await expect(group("Active")).toContainText("Facebook page");
  await expect(group("Active")).toContainText("Connected");
  await expect(group("Inactive")).toContainText("WhatsApp Business");
  await expect(group("Unavailable")).toContainText("Telegram bot");
  await expect(group("Unavailable")).toContainText("The contact has to write first.");
  await expect(group("Unavailable").getByRole("link")).toHaveCount(0);

  const facebook = group("Active").locator('[data-kind="facebook"]');
  await facebook.hover();
  const link = facebook.getByRole("link", { name: "Open in Facebook" });
  await expect(link).toHaveAttribute("rel", /noopener/);
  await expect(link).toHaveAttribute("target", "_blank");
  await expectAccessible(page);

  const whatsapp = group("Inactive").locator('[data-kind="whatsapp"]');
  await whatsapp.getByRole("link", { name: "Send first message" }).click();
  await expect(page).toHaveURL(new RegExp(`/inbox\\?contact=${contact.id}&channel=\\d+`));
  const chosen = new URL(page.url()).searchParams.get("channel") ?? "";
  await expect(page.getByLabel("Channel")).toHaveValue(chosen);
});

test("R10 an agent is not offered Remove channel", async ({ page }) => {
  await signIn(page, USERS.agent.email);
  const contact = await pickContact(page, (c) => c.channels.some((ch) => ch.status.availability.state === "active"));
  const drawer = await openDrawer(page, `/contacts?contact=${contact.id}`);
  await drawer.getByRole("tab", { name: "Channels" }).click();
  await expect(drawer.getByRole("region", { name: "Active", exact: true }).getByRole("listitem").first()).toBeVisible();
  await expect(drawer.getByRole("button", { name: "Remove channel" })).toHaveCount(0);
});

test("R10 a manager removes a channel after confirming", async ({ page }) => {
  await signIn(page, USERS.manager.email);
  const contact = await pickContact(page, (c) => active(c, "telegram"));
  const drawer = await openDrawer(page, `/contacts?contact=${contact.id}`);
  await drawer.getByRole("tab", { name: "Channels" }).click();
  const card = drawer.getByRole("region", { name: "Active", exact: true }).locator('[data-kind="telegram"]');
  await card.getByRole("button", { name: "Remove channel" }).click();
  await expect(card.getByRole("alertdialog")).toContainText("The conversation history stays.");
  await card.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(drawer.getByRole("region", { name: "Unavailable", exact: true })).toContainText("Telegram bot");
  await expect(drawer.getByRole("region", { name: "Active", exact: true }).locator('[data-kind="telegram"]')).toHaveCount(0);
});

test("R25 R27 R28 block and unblock from the More actions menu", async ({ page }) => {
  await signIn(page, USERS.manager.email);
  const contact = await pickContact(page, () => true);
  const drawer = await openDrawer(page, `/contacts?contact=${contact.id}`);
  const status = drawer.locator('[data-field="field-conversation_status"]');

  await drawer.getByRole("button", { name: "More actions" }).click();
  await drawer.getByRole("menuitem", { name: "Block contact" }).click();
  await expect(drawer.getByRole("alertdialog")).toContainText("Block");
  await drawer.getByRole("button", { name: "Block", exact: true }).click();
  await expect(drawer.locator(".badge-blocked")).toHaveText("Blocked");
  await expect(status).toContainText("Blocked");

  await drawer.getByRole("button", { name: "More actions" }).click();
  await drawer.getByRole("menuitem", { name: "Unblock contact" }).click();
  await drawer.getByRole("button", { name: "Unblock", exact: true }).click();
  await expect(status).toContainText("Closed");
  await expect(drawer.locator(".badge-blocked")).toHaveCount(0);
});
