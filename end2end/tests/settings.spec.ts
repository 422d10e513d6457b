import { expect, type Page } from "@playwright/test";
import { test } from "./helpers";
import { USERS, expectAccessible, hydrated, signIn } from "./helpers";
import { serverJson, unique } from "./inbox-helpers";

type FieldSettings = { custom_fields: { key: string; label: string }[]; order: string[] };

/** Creates a text field through the app's server function; returns its key and label. */
async function createField(page: Page, label: string) {
  const key = `e2e_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const response = await serverJson(page, "settings_create_field", {
    field: { key, label, field_type: "text", options: [] },
  });
  expect(response.status(), await response.text()).toBe(200);
  return { key, label };
}

/** Gives `count` seeded contacts of the workspace a value for the field. */
async function fillValues(page: Page, key: string, count: number) {
  let filled = 0;
  for (let id = 1; id <= 400 && filled < count; id++) {
    const read = await serverJson(page, "details_get", { request: { contact_id: id } });
    if (!read.ok()) continue;
    const contact = (await read.json()) as { version: number; blocked: boolean };
    if (contact.blocked) continue;
    const saved = await serverJson(page, "details_edit_custom", {
      edit: { contact_id: id, version: contact.version, key, value: "kept for a while" },
    });
    if (saved.ok()) filled++;
  }
  expect(filled).toBe(count);
}

async function fieldSettings(page: Page) {
  const response = await serverJson(page, "settings_fields_get", {});
  expect(response.status()).toBe(200);
  return (await response.json()) as FieldSettings;
}

async function openFields(page: Page) {
  await page.goto("/settings/fields");
  await expect(page.getByRole("heading", { level: 1, name: "Contact fields" })).toBeVisible();
  await hydrated(page);
}

test("R19 a new field with empty inputs shows every problem as an error naming its input", async ({ page }) => {
  await signIn(page, USERS.manager.email);
  await openFields(page);
  const form = page.getByRole("region", { name: "New custom field" });
  await form.getByRole("button", { name: "Create field" }).click();

  const label = form.getByLabel("Label", { exact: true });
  const key = form.getByLabel("Key", { exact: true });
  await expect(form.getByRole("alert").filter({ hasText: "Label: enter a label" })).toBeVisible();
  await expect(form.getByRole("alert").filter({ hasText: "Key: enter a key" })).toBeVisible();
  await expect(label).toHaveAttribute("aria-invalid", "true");
  await expect(key).toHaveAttribute("aria-invalid", "true");
  await expect(label).toHaveAccessibleDescription("Label: enter a label");
  await expect(key).toHaveAccessibleDescription("Key: enter a key");
  await expect(label).toBeFocused();
  await expectAccessible(page);

  await label.fill("Plan");
  await key.fill("Bad Key");
  await form.getByRole("button", { name: "Create field" }).click();
  await expect(label).toHaveAccessibleDescription("Label: another field already has this label");
  await expect(key).toHaveAccessibleDescription(/^Key: use lower-case letters/);
});

test("R19 a custom field is renamed, its key stays, and a taken label is refused", async ({ page }) => {
  await signIn(page, USERS.manager.email);
  const id = unique();
  const field = await createField(page, `Tier ${id}`);
  await openFields(page);
  const section = page.getByRole("region", { name: "Custom fields" });

  await section.getByRole("button", { name: `Rename ${field.label}` }).click();
  const input = section.getByLabel(`New label for ${field.label}`);
  await expect(input).toBeFocused();
  await input.fill("newsletter");
  await section.getByRole("button", { name: "Save", exact: true }).click();
  await expect(section.getByRole("alert")).toHaveText("Label: another field already has this label");
  await expect(input).toHaveAttribute("aria-invalid", "true");

  const renamed = `Level ${id}`;
  await input.fill(renamed);
  await section.getByRole("button", { name: "Save", exact: true }).click();
  await expect(section.getByRole("status")).toHaveText("Field renamed.");
  await expect(section.getByRole("button", { name: `Rename ${renamed}` })).toBeFocused();
  await expect(section.getByRole("listitem").filter({ hasText: renamed })).toContainText(field.key);
  await expect(page.getByRole("region", { name: "Field order" }).getByText(renamed, { exact: true })).toBeVisible();

  const saved = await fieldSettings(page);
  expect(saved.custom_fields.find((f) => f.key === field.key)?.label).toBe(renamed);
  await expectAccessible(page);
});

test("R19 R20 deleting a field asks first with the count of contacts holding a value", async ({ page }) => {
  await signIn(page, USERS.manager.email);
  const field = await createField(page, `Gone ${unique()}`);
  await fillValues(page, field.key, 2);
  await openFields(page);
  const section = page.getByRole("region", { name: "Custom fields" });

  await section.getByRole("button", { name: `Delete ${field.label}` }).click();
  const dialog = page.getByRole("alertdialog", { name: `Delete the field “${field.label}”?` });
  await expect(dialog).toContainText("2 contacts have a value for this field; the values are deleted too.");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await expectAccessible(page);

  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(section.getByRole("button", { name: `Delete ${field.label}` })).toBeFocused();
  expect((await fieldSettings(page)).order).toContain(field.key);

  await section.getByRole("button", { name: `Delete ${field.label}` }).click();
  await dialog.getByRole("button", { name: "Delete field" }).click();
  await expect(section.getByRole("status")).toHaveText("Field deleted.");
  await expect(section.getByText(field.label, { exact: true })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Field order" }).getByText(field.label, { exact: true })).toHaveCount(0);
  const saved = await fieldSettings(page);
  expect(saved.custom_fields.map((f) => f.key)).not.toContain(field.key);
  expect(saved.order).not.toContain(field.key);
});

test("R20 after Move down the focus stays on the moved item's Move down button", async ({ page }) => {
  await signIn(page, USERS.manager.email);
  await openFields(page);
  const section = page.getByRole("region", { name: "Field order" });
  const labels = section.locator(".order-label");
  const moved = await labels.nth(1).innerText();
  const next = await labels.nth(2).innerText();

  const button = section.getByRole("button", { name: `Move down ${moved}`, exact: true });
  await button.focus();
  await page.keyboard.press("Enter");
  await expect(labels.nth(2)).toHaveText(moved);
  await expect(labels.nth(1)).toHaveText(next);
  await expect(section.getByRole("button", { name: `Move down ${moved}`, exact: true })).toBeFocused();
  await expect(section.getByRole("status")).toHaveText(`${moved} moved to position 3 of ${await labels.count()}.`);

  await page.keyboard.press("Enter");
  await expect(labels.nth(3)).toHaveText(moved);
  await expect(section.getByRole("button", { name: `Move down ${moved}`, exact: true })).toBeFocused();
});

test("channel tokens: Copy says Copied, and rotating asks first where Cancel keeps the token", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, USERS.owner.email);
  await page.goto("/settings/channels");
  await expect(page.getByRole("heading", { level: 1, name: "Channels" })).toBeVisible();
  await hydrated(page);
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Website chat", exact: true }) });
  const token = await card.getByLabel("Token of Website chat").inputValue();

  await card.getByRole("button", { name: "Copy token of Website chat" }).click();
  await expect(card.getByRole("status")).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);

  const rotate = card.getByRole("button", { name: "Rotate token of Website chat" });
  await rotate.click();
  const dialog = card.getByRole("alertdialog", { name: "Rotate the token of Website chat?" });
  await expect(dialog).toContainText(
    "The old token stops working immediately. Anything using it must be updated.",
  );
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(rotate).toBeFocused();
  await expect(card.getByLabel("Token of Website chat")).toHaveValue(token);

  await page.reload();
  await hydrated(page);
  await expect(card.getByLabel("Token of Website chat")).toHaveValue(token);
});
