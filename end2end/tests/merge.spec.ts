import { expect, type Page } from "@playwright/test";
import { test } from "./helpers";
import { USERS, expectAccessible, hydrated, signIn } from "./helpers";

async function api(page: Page, endpoint: string, body: unknown) {
  const origin = new URL(page.url()).origin;
  return page.request.post(`/api/${endpoint}`, { data: body, headers: { Origin: origin } });
}

/** Adds a contact through the server function the "Add contact" form calls. */
async function addContact(page: Page, contact: { first: string; last?: string; phone?: string; email?: string }) {
  const response = await api(page, "contacts_add", {
    contact: {
      first_name: contact.first,
      last_name: contact.last ?? "",
      phone: contact.phone ?? "",
      email: contact.email ?? "",
      country: "",
      language: "",
    },
  });
  expect(response.ok()).toBeTruthy();
  return ((await response.json()) as { id: number }).id;
}

async function details(page: Page, id: number) {
  const response = await api(page, "details_get", { request: { contact_id: id } });
  expect(response.ok()).toBeTruthy();
  return response.json();
}

/** Adds a contact with the "Add contact" form; returns what the form said. */
async function addWithForm(page: Page, first: string, last: string, phone: string) {
  await page.getByRole("button", { name: "Add contact" }).click();
  const dialog = page.getByRole("dialog", { name: "Add contact" });
  await dialog.getByLabel("First name").fill(first);
  await dialog.getByLabel("Last name").fill(last);
  await dialog.getByLabel("Phone number").fill(phone);
  await dialog.getByRole("button", { name: "Save contact" }).click();
  // The dialog closes, a toast confirms, and the new contact's drawer opens.
  const toast = page.getByRole("status").filter({ hasText: `${first} ${last}`.trim() + " was added." });
  await expect(toast).toBeVisible();
  const said = await toast.innerText();
  await expect(page.getByRole("dialog", { name: `${first} ${last}`.trim() })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page).not.toHaveURL(/[?&]contact=/);
  return said;
}

/** Opens a contact's drawer from the table by searching its name. */
async function openFromTable(page: Page, name: string) {
  await page.getByLabel("Search contacts").fill(name);
  await expect(page).toHaveURL(/q=/);
  const link = page.getByRole("table", { name: "Contacts" }).getByRole("link", { name, exact: true });
  await link.click();
  await expect(page).toHaveURL(/contact=(\d+)/);
  const id = Number(new URL(page.url()).searchParams.get("contact"));
  const drawer = page.getByRole("dialog", { name });
  await expect(drawer).toBeVisible();
  return { id, drawer };
}

test("R11 R12 R13 R14 merge two contacts with the same phone, choosing a field from each side, then undo", async ({
  page,
}) => {
  await signIn(page, USERS.manager.email);
  await page.goto("/contacts");
  await hydrated(page);
  await addWithForm(page, "Mira", "Kovac", "+49 170 3344556");
  const said = await addWithForm(page, "Mirela", "Kovacs", "0049 (170) 334-4556");
  expect(said).toContain("it will show up as a merge suggestion");

  const { id: mira, drawer } = await openFromTable(page, "Mira Kovac");
  const card = drawer.getByRole("region", { name: "Merge suggestions" });
  await expect(card).toContainText("Mirela Kovacs");
  await expect(card.getByRole("img", { name: "Duplicate phone number" })).toBeVisible();
  const mirela = (await card.getByRole("link", { name: "Mirela Kovacs" }).getAttribute("href"))!.match(/contact=(\d+)/)![1];
  const before = [await details(page, mira), await details(page, Number(mirela))];

  await card.getByRole("link", { name: "Merge" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Merge contacts" })).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);
  // One field from each side: the first name of Mirela, the last name of Mira.
  await page.getByRole("radiogroup", { name: "First name" }).getByRole("radio", { name: "Mirela" }).check();
  await page.getByRole("radiogroup", { name: "Last name" }).getByRole("radio", { name: "Kovac", exact: true }).check();
  await expect(page.getByLabel("Merged First name")).toHaveText("Mirela");
  await expect(page.getByLabel("Merged Last name")).toHaveText("Kovac");
  await page.getByRole("button", { name: "Merge", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Merge successful" })).toBeVisible();

  const merged = await details(page, mira);
  expect([merged.first_name, merged.last_name]).toEqual(["Mirela", "Kovac"]);
  const gone = await api(page, "details_get", { request: { contact_id: Number(mirela) } });
  expect(gone.status()).toBe(404);

  await page.getByRole("button", { name: "Undo merge" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Merge undone" })).toBeVisible();
  const after = [await details(page, mira), await details(page, Number(mirela))];
  expect(after).toEqual(before);

  await page.getByRole("link", { name: "Mira Kovac" }).click();
  await expect(page.getByRole("dialog", { name: "Mira Kovac" })).toBeVisible();
  await expect(
    page.getByRole("dialog", { name: "Mira Kovac" }).getByRole("region", { name: "Merge suggestions" }),
  ).toContainText("Mirela Kovacs");
});

test("R16 the dashboard lists merge suggestions and opens the review", async ({ page }) => {
  await signIn(page, USERS.manager.email);
  await addContact(page, { first: "Dashi", last: "One", email: "dashi@example.net" });
  await addContact(page, { first: "Dashi", last: "Two", email: "Dashi@Example.NET" });
  await page.goto("/");
  await hydrated(page);
  const section = page.getByRole("region", { name: "Merge suggestions" });
  const group = section.getByRole("listitem").filter({ hasText: "dashi@example.net" });
  await expect(group).toContainText("Dashi One");
  await expect(group).toContainText("Dashi Two");
  await expectAccessible(page);
  await group.getByRole("link", { name: "Review merge of Dashi One and Dashi Two" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Merge contacts" })).toBeVisible();
  await expect(page.getByText("Keeps its ID", { exact: true })).toBeVisible();
});

test("R17 a blocked contact is not suggested", async ({ page }) => {
  await signIn(page, USERS.manager.email);
  const kept = await addContact(page, { first: "Blocky", last: "Kept", phone: "+43 660 1234567" });
  const blocked = await addContact(page, { first: "Blocky", last: "Blocked", phone: "+436601234567" });
  expect((await details(page, kept)).duplicates.map((d: { id: number }) => d.id)).toEqual([blocked]);
  const response = await api(page, "details_block", { request: { contact_id: blocked } });
  expect(response.ok()).toBeTruthy();
  await page.goto(`/contacts?contact=${kept}`);
  await hydrated(page);
  const drawer = page.getByRole("dialog", { name: "Blocky Kept" });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole("region", { name: "Merge suggestions" })).toHaveCount(0);
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Merge suggestions" })).not.toContainText("Blocky");
});

test("R15 managers see the merge history with undo, agents do not", async ({ page }) => {
  await signIn(page, USERS.manager.email);
  const a = await addContact(page, { first: "Histo", last: "Alpha", phone: "+41 79 123 45 67" });
  const b = await addContact(page, { first: "Histo", last: "Beta", phone: "+41791234567" });
  const review = await (await api(page, "merge_review_get", { contact_ids: [a, b] })).json();
  const merged = await api(page, "merge_contacts", {
    request: {
      contact_ids: [a, b],
      versions: review.contacts.map((c: { version: number }) => c.version),
      choices: [{ field: "last_name", contact_id: b }],
    },
  });
  expect(merged.ok()).toBeTruthy();

  await page.goto("/contacts");
  await hydrated(page);
  await page.getByText("More", { exact: true }).click();
  await page.getByRole("link", { name: "Merge history" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Merge history" })).toBeVisible();
  await hydrated(page);
  const row = page.getByRole("row").filter({ hasText: `Histo Alpha · ID ${a} (kept its ID)` });
  await expect(row).toContainText(`Histo Beta · ID ${b}`);
  await expect(row).toContainText(`Last name: Beta (from ID ${b})`);
  await expect(row).toContainText(USERS.manager.name);
  await expectAccessible(page);
  await row.getByRole("button", { name: "Undo merge" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Merge undone" })).toBeVisible();
  await expect(row).toContainText(`Undone by ${USERS.manager.name}`);

  await page.context().clearCookies();
  await signIn(page, USERS.agent.email);
  await page.goto("/contacts");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1, name: "Contacts" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Merge history" })).toHaveCount(0);
  await page.goto("/contacts/merges");
  await expect(page.getByRole("alert")).toContainText("Only owners and managers can see the merge history.");
  const refused = await api(page, "merge_history", { older_than: null });
  expect(refused.status()).toBe(403);
});

test("R13 agents are offered Merge only for contacts assigned to them", async ({ page }) => {
  await signIn(page, USERS.agent.email);
  const me = (await (await api(page, "current_viewer", {})).json()) as { user_id: number };
  const phone = `+49151${String(Date.now()).slice(-8)}`;
  const suffix = String(Date.now() % 100000);
  const mine = await addContact(page, { first: "Mine", last: suffix, phone });
  const other = await addContact(page, { first: "Other", last: suffix, phone });
  const assign = async (id: number, value: string) => {
    const { version } = await details(page, id);
    const response = await api(page, "details_edit_field", {
      edit: { contact_id: id, version, field: "assignee", value },
    });
    expect(response.ok()).toBeTruthy();
  };
  await assign(mine, String(me.user_id));
  await assign(other, "");

  await page.goto(`/contacts?contact=${mine}`);
  await hydrated(page);
  const card = page.getByRole("region", { name: "Merge suggestions" });
  await expect(card.getByRole("link", { name: `Other ${suffix}` })).toBeVisible();
  await expect(card.getByRole("link", { name: "Merge", exact: true })).toHaveCount(0);
  await page.goto("/");
  await hydrated(page);
  const review = page.getByRole("link", { name: `Review merge of Mine ${suffix} and Other ${suffix}` });
  await expect(review).toHaveCount(0);
  await expect(page.getByText("Agents can merge only contacts assigned to them.").first()).toBeVisible();

  await assign(other, String(me.user_id));
  await page.goto(`/contacts?contact=${mine}`);
  await hydrated(page);
  await expect(card.getByRole("link", { name: "Merge", exact: true })).toBeVisible();
  await page.goto("/");
  await hydrated(page);
  await expect(review).toBeVisible();
});

test("R13 the contact keeping its ID has its values preselected, and Cancel returns to the drawer", async ({ page }) => {
  await signIn(page, USERS.manager.email);
  const suffix = String(Date.now() % 100000);
  const phone = `+49152${String(Date.now()).slice(-8)}`;
  // Created last, the kept contact's values are at least as recent as the
  // other's: where they are equally recent, the contact keeping its ID wins.
  await addContact(page, { first: "Otto", last: `Other${suffix}`, phone });
  const kept = await addContact(page, { first: "Kira", last: `Kept${suffix}`, phone });

  await page.goto(`/contacts?contact=${kept}`);
  await hydrated(page);
  const drawer = page.getByRole("dialog", { name: `Kira Kept${suffix}` });
  await drawer.getByRole("region", { name: "Merge suggestions" }).getByRole("link", { name: "Merge", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Merge contacts" })).toBeVisible();
  await hydrated(page);
  await expect(page.getByText(`Kira Kept${suffix} (ID: ${kept}) keeps its ID.`)).toBeVisible();
  const firstName = page.getByRole("radiogroup", { name: "First name" });
  await expect(firstName.getByRole("radio", { name: "Kira", exact: true })).toBeChecked();
  await expect(firstName.getByRole("radio", { name: "Otto", exact: true })).not.toBeChecked();
  await expect(
    page.getByRole("radiogroup", { name: "Last name" }).getByRole("radio", { name: `Kept${suffix}`, exact: true }),
  ).toBeChecked();
  await expect(page.getByLabel("Merged First name")).toHaveText("Kira");

  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(page).toHaveURL(new RegExp(`/contacts\\?contact=${kept}$`));
  await expect(page.getByRole("dialog", { name: `Kira Kept${suffix}` })).toBeVisible();
});

test("R16 Not a duplicate removes the suggestion from the dashboard", async ({ page }) => {
  await signIn(page, USERS.manager.email);
  const email = `twin${Date.now()}@example.net`;
  await addContact(page, { first: "Twin", last: "Left", email });
  await addContact(page, { first: "Twin", last: "Right", email });
  await page.goto("/");
  await hydrated(page);
  const section = page.getByRole("region", { name: "Merge suggestions" });
  const group = section.getByRole("listitem").filter({ hasText: email });
  await expect(group).toContainText("2 contacts");
  const total = section.getByText(/^[\d,]+\+? merge suggestions?$/);
  const count = async () => Number((await total.innerText()).replace(/[^\d]/g, ""));
  const before = await count();

  // Cancel on the review leads back to the dashboard.
  const review = group.getByRole("link", { name: "Review merge of Twin Left and Twin Right" });
  await expect(review).toHaveClass(/\bbutton\b.*\bprimary\b/);
  await review.click();
  await expect(page.getByRole("heading", { level: 1, name: "Merge contacts" })).toBeVisible();
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/$/);
  await hydrated(page);

  await group.getByRole("button", { name: "Not a duplicate: Twin Left and Twin Right" }).click();
  await expect(group).toHaveCount(0);
  await expect(section.getByRole("status")).toHaveText("Marked as not a duplicate");
  if (!(await total.innerText()).includes("+")) {
    expect(await count()).toBe(before - 1);
  }
  await page.reload();
  await hydrated(page);
  await expect(section).toBeVisible();
  await expect(section.getByRole("listitem").filter({ hasText: email })).toHaveCount(0);
});

test("R13 three contacts are merged in one review, one column each, without a console or CSP error", async ({ page }) => {
  await signIn(page, USERS.manager.email);
  const suffix = String(Date.now() % 100000);
  const phone = `+49176${String(Date.now()).slice(-8)}`;
  const ids: number[] = [];
  for (const first of ["Tria", "Trib", "Tric"]) {
    ids.push(await addContact(page, { first, last: `Three${suffix}`, phone }));
  }
  await page.goto(`/contacts/merge?ids=${ids.join(",")}`);
  await expect(page.getByRole("heading", { level: 1, name: "Merge contacts" })).toBeVisible();
  await hydrated(page);
  const firstName = page.getByRole("radiogroup", { name: "First name" });
  await expect(firstName.getByRole("radio")).toHaveCount(3);
  // The three columns sit side by side.
  const boxes = await Promise.all(
    ["Tria", "Trib", "Tric"].map((name) => firstName.getByRole("radio", { name, exact: true }).boundingBox()),
  );
  const xs = boxes.map((box) => box?.x ?? 0);
  expect(xs[0]).toBeLessThan(xs[1]);
  expect(xs[1]).toBeLessThan(xs[2]);
  await expectAccessible(page);
  await firstName.getByRole("radio", { name: "Trib", exact: true }).check();
  await page.getByRole("button", { name: "Merge", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Merge successful" })).toBeVisible();
  const survivors: string[] = [];
  for (const id of ids) {
    const response = await api(page, "details_get", { request: { contact_id: id } });
    if (response.ok()) survivors.push(((await response.json()) as { first_name: string }).first_name);
  }
  expect(survivors).toEqual(["Trib"]);
});
