import { expect, type Page } from "@playwright/test";
import { test } from "./helpers";
import { ON_DEMAND_DOWNLOAD, PASSWORD, USERS, expectAccessible, hydrated } from "./helpers";

// A browser set to German: it asks for German pages (Accept-Language: de-DE)
// and selects everything by its German role names.
test.use({ locale: "de-DE" });

async function api(page: Page, endpoint: string, body: unknown) {
  const origin = new URL(page.url()).origin;
  return page.request.post(`/api/${endpoint}`, { data: body, headers: { Origin: origin } });
}

/** Signs in through the German sign-in page and waits for the overview. */
async function anmelden(page: Page, email: string) {
  await page.goto("/login");
  await hydrated(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await page.getByLabel("E-Mail").fill(email);
  await page.getByLabel("Passwort").fill(PASSWORD);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await hydrated(page);
}

async function addContact(page: Page, first: string, last: string, phone: string) {
  const response = await api(page, "contacts_add", {
    contact: { first_name: first, last_name: last, phone, email: "", country: "", language: "" },
  });
  expect(response.ok()).toBeTruthy();
  return ((await response.json()) as { id: number }).id;
}

type Details = {
  id: number;
  blocked: boolean;
  channels: { status: { channel: { kind: string }; availability: { state: string } } }[];
};

/** A seeded contact with an active Facebook channel and an unavailable Telegram one. */
async function contactWithChannels(page: Page): Promise<number> {
  const state = (c: Details, kind: string) => c.channels.find((ch) => ch.status.channel.kind === kind)?.status.availability.state;
  for (let id = 1; id <= 400; id++) {
    const response = await api(page, "details_get", { request: { contact_id: id } });
    if (!response.ok()) continue;
    const contact = (await response.json()) as Details;
    if (!contact.blocked && state(contact, "facebook") === "active" && state(contact, "telegram") === "unavailable") {
      return id;
    }
  }
  throw new Error("no seeded contact with these channels");
}

test("the German interface: sign-in, Contacts, a contact's channels, merge and undo", async ({ page }) => {
  await page.goto("/login");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1, name: "Anmelden" })).toBeVisible();
  await expectAccessible(page);

  await anmelden(page, USERS.manager.email);
  await expect(page.getByRole("heading", { level: 1, name: "Übersicht" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Hauptnavigation" })).toBeVisible();
  await page.getByRole("link", { name: "Kontakte", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kontakte" })).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);

  const withChannels = await contactWithChannels(page);
  await page.goto(`/contacts?contact=${withChannels}`);
  await hydrated(page);
  const drawer = page.getByRole("dialog");
  await expect(drawer.getByRole("tab", { name: "Kontaktdetails" })).toBeVisible();
  await expect(drawer.locator('[data-field="field-phone"] .field-label')).toHaveText("Telefonnummer");
  await drawer.getByRole("tab", { name: "Kanäle" }).click();
  const group = (name: string) => drawer.getByRole("region", { name, exact: true });
  await expect(group("Aktiv")).toContainText("Verbunden seit");
  await expect(group("Nicht verfügbar")).toContainText("Der Kontakt muss zuerst schreiben.");
  await expect(group("Inaktiv")).toBeVisible();
  await expectAccessible(page);

  const jana = await addContact(page, "Jana", "Schäfer", "+49 171 5550101");
  await addContact(page, "Jana", "Schaefer", "0049 171 5550101");
  await page.goto(`/contacts?contact=${jana}`);
  await hydrated(page);
  const janasDrawer = page.getByRole("dialog");
  await janasDrawer.getByRole("button", { name: "Telefonnummer bearbeiten" }).click();
  await janasDrawer.getByLabel("Telefonnummer", { exact: true }).fill("12");
  // Too few digits, or no country code: either way the sentence is German.
  await expect(janasDrawer.locator('[data-field="field-phone"]').getByRole("alert")).toHaveText(
    /^Telefonnummer: (hat zu wenige Ziffern|geben Sie die Ländervorwahl an)/,
  );
  await janasDrawer.getByRole("button", { name: "Abbrechen" }).click();

  const card = janasDrawer.getByRole("region", { name: "Zusammenführungsvorschläge" });
  await expect(card).toContainText("Jana Schaefer");
  await expect(card.getByRole("img", { name: "Doppelte Telefonnummer" })).toBeVisible();
  await card.getByRole("link", { name: "Zusammenführen", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kontakte zusammenführen" })).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Zusammenführen", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Zusammenführung erfolgreich" })).toBeVisible();
  await page.getByRole("button", { name: "Zusammenführung rückgängig machen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Zusammenführung rückgängig gemacht" })).toBeVisible();
});

test("a user who switches to English gets English pages, also after signing out and in again", async ({ page }) => {
  await anmelden(page, USERS.owner.email);
  await expect(page.getByRole("heading", { level: 1, name: "Übersicht" })).toBeVisible();
  await page.getByLabel("Sprache").selectOption("en");
  await page.getByRole("button", { name: "Sprache ändern" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await hydrated(page);
  await page.getByRole("link", { name: "Contacts", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Contacts" })).toBeVisible();
  await hydrated(page);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  // Signed out, the browser's language decides again.
  await expect(page.getByRole("heading", { level: 1, name: "Anmelden" })).toBeVisible();
  await anmelden(page, USERS.owner.email);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("an import explains its refusals in German: the file, then its rows", async ({ page }) => {
  await anmelden(page, USERS.manager.email);
  await page.goto("/contacts");
  await hydrated(page);
  await page.getByRole("button", { name: "Kontakte importieren" }).click();
  const dialog = page.getByRole("dialog", { name: "Kontakte importieren" });
  const upload = async (name: string, content: string) => {
    await dialog.getByLabel("CSV-Datei").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(content, "utf-8") });
    await dialog.getByRole("button", { name: "Datei hochladen" }).click();
  };

  // The server refuses the file itself (a plain upload, not a server function).
  await upload("leer.csv", " \r\n");
  await expect(dialog.getByRole("alert").filter({ hasText: "Datei: ist leer" })).toBeVisible();

  // A row's refusal is the drawer's own German sentence; the dry run stores nothing.
  await upload("kontakte.csv", "Vorname,E-Mail-Adresse\r\nJana,kein-at-zeichen\r\n");
  await expect(dialog.getByRole("heading", { name: "Spalten zuordnen" })).toBeVisible();
  await dialog.getByRole("button", { name: "Datei prüfen" }).click();
  const errors = dialog.getByRole("table", { name: "Erste Fehler" });
  await expect(errors.locator("tbody tr")).toHaveCount(1);
  await expect(errors.locator("tbody tr")).toContainText("das @ fehlt, z. B. name@example.com");
  await expectAccessible(page);
});

/**
 * The text of the WebAssembly files a page has loaded once its on-demand
 * download (the drawer and the dialogs, fetched after the page is
 * interactive) is there: the page's own code, and that download apart, as
 * its country and language inputs accept names typed in either language.
 */
async function loadedCode(page: Page): Promise<{ pageCode: string; onDemand: string }> {
  const wasmFiles = () =>
    page.evaluate(() =>
      performance
        .getEntriesByType("resource")
        .map((entry) => entry.name)
        .filter((url) => new URL(url).pathname.endsWith(".wasm")),
    );
  await expect.poll(async () => (await wasmFiles()).some((url) => url.includes(ON_DEMAND_DOWNLOAD))).toBe(true);
  const files = await wasmFiles();
  const text = async (urls: string[]) => {
    expect(urls.length).toBeGreaterThan(0);
    const texts = await Promise.all(urls.map(async (url) => (await (await page.request.get(url)).body()).toString("utf8")));
    return texts.join("\n");
  };
  return {
    pageCode: await text(files.filter((url) => !url.includes(ON_DEMAND_DOWNLOAD))),
    onDemand: await text(files.filter((url) => url.includes(ON_DEMAND_DOWNLOAD))),
  };
}

test("each language's Contacts page downloads its own words and none of the other language's", async ({ page, browser }) => {
  // Words of the Contacts page itself and a country's name in the page's
  // code; a refusal worded by the shared rules in the on-demand download.
  const german = { page: ["Seite auswählen", "Vereinigte Arabische Emirate"], refusal: "Geben Sie einen Tag-Namen ein" };
  const english = { page: ["Select page", "United Arab Emirates"], refusal: "enter a tag name" };
  const expectOnly = (code: { pageCode: string; onDemand: string }, own: typeof german, other: typeof german) => {
    for (const words of own.page) expect(code.pageCode, words).toContain(words);
    for (const words of [...other.page, other.refusal]) expect(code.pageCode, words).not.toContain(words);
    expect(code.onDemand, own.refusal).toContain(own.refusal);
    expect(code.onDemand, other.refusal).not.toContain(other.refusal);
  };

  await anmelden(page, USERS.manager.email);
  await page.goto("/contacts");
  await hydrated(page);
  expectOnly(await loadedCode(page), german, english);

  const englishContext = await browser.newContext({ locale: "en-US" });
  const englishPage = await englishContext.newPage();
  await englishPage.goto("/login");
  await hydrated(englishPage);
  await englishPage.getByLabel("Email").fill(USERS.manager.email);
  await englishPage.getByLabel("Password").fill(PASSWORD);
  await englishPage.getByRole("button", { name: "Log in" }).click();
  await expect(englishPage).not.toHaveURL(/\/login/);
  await englishPage.goto("/contacts");
  await hydrated(englishPage);
  await expect(englishPage.locator("html")).toHaveAttribute("lang", "en");
  expectOnly(await loadedCode(englishPage), english, german);
  await englishContext.close();
});
