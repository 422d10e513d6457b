import { expect, type Page } from "@playwright/test";
import { test } from "./helpers";
import { readFile } from "node:fs/promises";
import { expectAccessible, hydrated, signIn } from "./helpers";

// Acme's owner works in a workspace the earlier specs leave empty, so the
// counts below are the import's own.
const ACME_OWNER = "owner@acme.test";

async function openContacts(page: Page) {
  await signIn(page, ACME_OWNER);
  await page.goto("/contacts");
  await expect(page.getByRole("heading", { level: 1, name: "Contacts" })).toBeVisible();
  await hydrated(page);
}

// Semicolons and German headers, as Excel writes them in Germany. Ingo's
// phone is Imke's written the national way; Ivo's phone is not a number.
const FILE = [
  "Vorname;Nachname;Telefonnummer;E-Mail-Adresse;Notiz",
  "Imke;Importer;+49 30 5550101;imke@import.test;Messe",
  "Ingo;Importer;030 5550101;ingo@import.test;Messe",
  "Ivo;Importer;12ab;ivo@import.test;",
  "Iris;Importer;;iris@import.test;VIP",
].join("\r\n");

test("R35 import a CSV file: map a column, check it, import it, find the contacts and their merge suggestion", async ({
  page,
}) => {
  await openContacts(page);
  await page.getByRole("button", { name: "Import contacts" }).click();
  const dialog = page.getByRole("dialog", { name: "Import contacts" });
  await expect(dialog.getByRole("region", { name: "Import history" })).toBeVisible();
  await dialog.getByLabel("CSV file").setInputFiles({
    name: "messe.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(FILE, "utf-8"),
  });
  await dialog.getByRole("button", { name: "Upload file" }).click();

  await expect(dialog.getByRole("heading", { name: "Map columns" })).toBeVisible();
  await expect(dialog).toContainText("messe.csv · 4 rows · UTF-8, semicolon");
  // German headers are mapped already; "Notiz" is mapped by hand.
  await expect(dialog.getByLabel("Import Vorname as")).toHaveValue("first_name");
  await expect(dialog.getByLabel("Import Telefonnummer as")).toHaveValue("phone");
  await expect(dialog.getByLabel("Import Notiz as")).toHaveValue("skip");
  await dialog.getByLabel("Import Notiz as").selectOption({ label: "Tags" });
  await dialog.getByLabel("Default country").selectOption({ label: "Germany" });
  await expectAccessible(page);

  await dialog.getByRole("button", { name: "Check file" }).click();
  const result = dialog.getByRole("region", { name: "Check result" });
  await expect(result.getByRole("status")).toHaveText("3 rows would be added, 0 updated, 0 skipped; 1 have errors.");
  const errors = result.getByRole("table", { name: "First errors" });
  await expect(errors.locator("tbody tr")).toHaveCount(1);
  await expect(errors.locator("tbody tr")).toContainText("4Telefonnummer");
  await expect(result.getByRole("link", { name: "Download errors" })).toBeVisible();
  await expectAccessible(page);

  await result.getByRole("button", { name: "Start import" }).click();
  await expect(dialog).toHaveCount(0);
  const progress = page.getByRole("region", { name: "Import" });
  await expect(progress).toContainText("Import of messe.csv finished: 3 added, 0 updated, 0 skipped, 1 failed.");
  await expect(progress.getByRole("link", { name: "Download errors" })).toBeVisible();

  // The imported contacts are in the table at once, with their merge suggestion.
  await page.getByLabel("Search contacts").fill("Importer");
  await expect(page.getByRole("table", { name: "Contacts" }).locator("tbody tr")).toHaveCount(3);
  await page.getByRole("table", { name: "Contacts" }).getByRole("link", { name: "Imke Importer", exact: true }).click();
  const drawer = page.getByRole("dialog", { name: "Imke Importer" });
  await expect(drawer.getByRole("region", { name: "Merge suggestions" })).toContainText("Ingo Importer");
  await expect(drawer).toContainText("Messe");

  // The history names the file, who imported it and what happened.
  await page.goto("/contacts");
  await hydrated(page);
  await page.getByRole("button", { name: "Import contacts" }).click();
  const history = page.getByRole("dialog", { name: "Import contacts" }).getByRole("region", { name: "Import history" });
  await expect(history).toContainText("messe.csv");
  await expect(history).toContainText("Amir Acme");
  await expect(history).toContainText("3 added, 0 updated, 0 skipped, 1 failed");
});

test("R36 export all contacts in the background and download the file", async ({ page }) => {
  await openContacts(page);
  await page.getByRole("button", { name: "Export all contacts" }).click();
  const ready = page.getByRole("status").filter({ hasText: "Export ready" });
  await expect(ready).toContainText("Export ready: 3 contacts.");
  const downloading = page.waitForEvent("download");
  await ready.getByRole("link", { name: "Download" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("contacts-export.csv");
  const text = await readFile(await download.path(), "utf-8");
  const lines = text.replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(lines[0].startsWith("First name,Last name,E-mail,Phone,Country,Language,Assignee,Tags")).toBe(true);
  expect(lines).toHaveLength(4);
  expect(text).toContain("Imke,Importer,imke@import.test,'+49305550101,Germany");
});

test("R35 R36 agents see neither Import contacts nor Export all contacts", async ({ page }) => {
  await signIn(page, "agent@demo.test");
  await page.goto("/contacts");
  await hydrated(page);
  await expect(page.getByRole("button", { name: "Add contact" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Import contacts" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Export all contacts" })).toHaveCount(0);
});
