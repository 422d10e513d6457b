import { expect } from "@playwright/test";
import { test } from "./helpers";
import { USERS, expectAccessible, signIn } from "./helpers";
import { channel, ingress, openInbox, unique } from "./inbox-helpers";

test("R1 older conversations load below the newest page and stay while new ones arrive", async ({ page }) => {
  await signIn(page, USERS.owner.email);
  const webchat = await channel(page, "Website chat");
  await openInbox(page, "");
  const list = page.getByRole("region", { name: "Conversations" });
  const rows = list.getByRole("listitem");
  await expect(rows).toHaveCount(50);

  await list.getByRole("button", { name: "Show older conversations" }).click();
  await expect(rows).toHaveCount(100);
  const shown = await rows.getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href")));

  // A new conversation pushes the newest page down: nothing drops out.
  const sender = unique();
  await ingress(page, webchat, sender, "A brand-new conversation");
  await expect(rows.first()).toContainText(`Visitor ${sender}`);
  await expect(rows).toHaveCount(101);
  const now = await rows.getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  expect(now.slice(1)).toEqual(shown);
  await expectAccessible(page);
});

test("R1 a long conversation shows its newest messages and loads older ones on request", async ({ page }) => {
  await signIn(page, USERS.owner.email);
  const webchat = await channel(page, "Website chat");
  const sender = unique();
  let contact = 0;
  for (let n = 0; n < 105; n++) {
    contact = await ingress(page, webchat, sender, `Message ${n}`);
  }
  await openInbox(page, `contact=${contact}`);
  const messages = page.getByRole("list", { name: "Messages" });
  await expect(messages.getByText("Message 104", { exact: true })).toBeVisible();
  await expect(messages.getByText("Message 5", { exact: true })).toBeAttached();
  await expect(messages.getByText("Message 4", { exact: true })).toHaveCount(0);

  await messages.getByRole("button", { name: "Show older messages" }).click();
  await expect(messages.getByText("Message 0", { exact: true })).toBeAttached();
  await expect(messages.getByRole("button", { name: "Show older messages" })).toHaveCount(0);

  // A live message lands at the bottom; the older ones stay.
  await ingress(page, webchat, sender, "One more");
  await expect(messages.getByRole("listitem").last()).toContainText("One more");
  await expect(messages.getByText("Message 0", { exact: true })).toBeAttached();
  await expect(messages.getByText("Message 4", { exact: true })).toBeAttached();
});

test("R1 messages for other contacts refresh the list but leave the open conversation alone", async ({ page }) => {
  await signIn(page, USERS.owner.email);
  const webchat = await channel(page, "Website chat");
  const reader = unique();
  const contact = await ingress(page, webchat, reader, "Line 1");
  await openInbox(page, `contact=${contact}`);
  const messages = page.getByRole("list", { name: "Messages" });
  await expect(messages.getByText("Line 1", { exact: true })).toBeVisible();
  const reads: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/api/inbox_conversation") reads.push(request.url());
  });

  const other = unique();
  await ingress(page, webchat, other, "Someone else writes");
  const list = page.getByRole("region", { name: "Conversations" });
  await expect(list.getByRole("link", { name: new RegExp(`Visitor ${other}`) })).toBeVisible();
  expect(reads).toEqual([]);

  // A message of the open contact still arrives live.
  await ingress(page, webchat, reader, "Line 2");
  await expect(messages.getByText("Line 2", { exact: true })).toBeVisible();
  expect(reads.length).toBeGreaterThan(0);
});
