import { expect } from "@playwright/test";
import { test } from "./helpers";
import { USERS, expectAccessible, hydrated, signIn } from "./helpers";
import { channel, ingress, openInbox, serverFn, serverJson, unique } from "./inbox-helpers";

test("R1 an incoming message posted to the endpoint appears in the open Inbox without reload", async ({ page }) => {
  await signIn(page, USERS.owner.email);
  const webchat = await channel(page, "Website chat");
  const sender = unique();
  const contact = await ingress(page, webchat, sender, "First question");
  await openInbox(page, `contact=${contact}`);
  const messages = page.getByRole("list", { name: "Messages" });
  await expect(messages.getByText("First question")).toBeVisible();

  await ingress(page, webchat, sender, "A second one, live");
  await expect(messages.getByText("A second one, live")).toBeVisible();
  const list = page.getByRole("region", { name: "Conversations" });
  await expect(list.getByRole("link", { name: new RegExp(`Visitor ${sender}`) })).toBeVisible();
  await expectAccessible(page);
});

test("R1 the drawer opens beside the conversation from the Contact details button and from the avatar", async ({ page }) => {
  await signIn(page, USERS.agent.email);
  await page.goto("/inbox");
  await hydrated(page);
  const first = page.getByRole("region", { name: "Conversations" }).getByRole("listitem").first().getByRole("link");
  await first.click();
  await expect(page).toHaveURL(/contact=\d+/);
  const drawer = page.getByRole("dialog");
  await expect(drawer).toHaveCount(0);

  await page.getByRole("link", { name: "Contact details", exact: true }).click();
  await expect(page).toHaveURL(/details=open/);
  await expect(drawer).toBeVisible();
  await expect(page.getByRole("region", { name: "Conversation", exact: true })).toBeVisible();
  await expectAccessible(page);

  await page.goBack();
  await expect(drawer).toHaveCount(0);
  await page.getByRole("link", { name: /^Open contact details for / }).click();
  await expect(drawer).toBeVisible();
});

test("R8 a message is sent on the chosen channel, and Send first message lands with the channel chosen", async ({ page }) => {
  await signIn(page, USERS.owner.email);
  const whatsapp = await channel(page, "WhatsApp Business");
  const webchat = await channel(page, "Website chat");
  const contact = await ingress(page, webchat, unique(), "<b>Can</b> you text me?", { phone: "+4915123456783" });
  await openInbox(page, `contact=${contact}&channel=${whatsapp.id}`);

  await expect(page.getByRole("list", { name: "Messages" }).getByText("<b>Can</b> you text me?")).toBeVisible();
  const select = page.getByLabel("Channel", { exact: true });
  await expect(select).toHaveValue(String(whatsapp.id));
  await expect(select.locator("option")).toHaveCount(3); // webchat (active), WhatsApp and SMS (may be started)
  await page.getByLabel("Message", { exact: true }).fill("Sure, writing on WhatsApp now.");
  await page.getByRole("button", { name: "Send" }).click();

  const sent = page.getByRole("list", { name: "Messages" }).getByRole("listitem").last();
  await expect(sent).toContainText("Sure, writing on WhatsApp now.");
  await expect(sent).toContainText("Sent");
  await expect(sent).toContainText("on WhatsApp Business");
  await expect(page.getByLabel("Message", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Channel", { exact: true })).toHaveValue(String(whatsapp.id));
  await expect(select.locator("option:checked")).not.toContainText("start conversation");
});

test("Enter sends and Shift+Enter adds a line, an empty message is not sent, and a reply reopens a closed conversation", async ({ page }) => {
  await signIn(page, USERS.owner.email);
  const webchat = await channel(page, "Website chat");
  const contact = await ingress(page, webchat, unique(), "Are you still there?");
  await openInbox(page, `contact=${contact}`);
  // Blocking, then unblocking, leaves the conversation closed (R28).
  expect((await serverJson(page, "details_block", { request: { contact_id: contact } })).status()).toBe(200);
  expect((await serverJson(page, "details_unblock", { request: { contact_id: contact } })).status()).toBe(200);
  const status = page.getByTestId("conversation-status");
  await expect(status).toHaveText("Closed");

  const box = page.getByLabel("Message", { exact: true });
  const send = page.getByRole("button", { name: "Send" });
  const messages = page.getByRole("list", { name: "Messages" }).getByRole("listitem");
  const before = await messages.count();
  await expect(send).toBeDisabled();
  await box.fill("   ");
  await expect(send).toBeDisabled();
  await box.press("Enter");
  await expect(box).toHaveValue("   ");

  await box.fill("First line");
  await box.press("Shift+Enter");
  await box.pressSequentially("second line");
  await expect(box).toHaveValue("First line\nsecond line");
  await expect(send).toBeEnabled();
  await box.press("Enter");
  await expect(messages).toHaveCount(before + 1);
  await expect(messages.last()).toContainText("second line");
  await expect(box).toHaveValue("");
  await expect(send).toBeDisabled();
  await expect(status).toHaveText("Open");
});

test("the conversation list tells contacts of the same name apart by channel and phone or e-mail", async ({ page }) => {
  await signIn(page, USERS.owner.email);
  const webchat = await channel(page, "Website chat");
  const name = `Sam ${unique()}`;
  const email = `${unique()}@example.com`;
  await ingress(page, webchat, unique(), "From the first", { name, phone: "+4915123456784" });
  await ingress(page, webchat, unique(), "From the second", { name, email });
  await openInbox(page, "filter=all");
  const rows = page.getByRole("region", { name: "Conversations" }).getByRole("listitem").filter({ hasText: name });
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "From the first" }).getByTestId("conversation-reach")).toHaveText("Website chat · +4915123456784");
  await expect(rows.filter({ hasText: "From the second" }).getByTestId("conversation-reach")).toHaveText(`Website chat · ${email}`);
});

test("R27 blocking from the Contacts module blocks the conversation and hides later messages; R28 unblocking shows them", async ({ page }) => {
  await signIn(page, USERS.owner.email);
  const webchat = await channel(page, "Website chat");
  const sender = unique();
  const contact = await ingress(page, webchat, sender, "Before the block");
  await openInbox(page, `contact=${contact}`);
  const status = page.getByTestId("conversation-status");
  await expect(status).toHaveText("Open");

  const blocked = await serverJson(page, "details_block", { request: { contact_id: contact } });
  expect(blocked.status()).toBe(200);
  await expect(status).toHaveText("Blocked");
  await expect(page.getByText("This contact is blocked.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Send" })).toHaveCount(0);

  await ingress(page, webchat, sender, "Sent while blocked");
  await page.reload();
  await hydrated(page);
  const messages = page.getByRole("list", { name: "Messages" });
  await expect(messages.getByText("Before the block")).toBeVisible();
  await expect(messages.getByText("Sent while blocked")).toHaveCount(0);

  const unblocked = await serverJson(page, "details_unblock", { request: { contact_id: contact } });
  expect(unblocked.status()).toBe(200);
  await expect(status).toHaveText("Closed");
  const shown = messages.getByRole("listitem").filter({ hasText: "Sent while blocked" });
  await expect(shown).toContainText("received while blocked");
});

test("R26 blocking is not offered in the Inbox: it has no blocking endpoint, and the Inbox drawer has no block action", async ({ page }) => {
  await signIn(page, USERS.manager.email);
  await page.goto("/inbox");
  await hydrated(page);
  await page.getByRole("region", { name: "Conversations" }).getByRole("listitem").first().getByRole("link").click();
  const contact = new URL(page.url()).searchParams.get("contact") ?? "";
  const refused = await serverFn(page, "inbox_block_contact", { "input[contact_id]": contact, "input[module]": "contacts" });
  expect(refused.ok()).toBe(false);

  await page.getByRole("link", { name: "Contact details", exact: true }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expect(page.getByText("Block contact")).toHaveCount(0);
});

test("Settings shows the channels with their endpoints, tokens for owners only, and monthly usage", async ({ page }) => {
  await signIn(page, USERS.owner.email);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("link", { name: "Channels" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Channels" })).toBeVisible();
  await hydrated(page);
  const telegram = await channel(page, "Telegram bot");
  expect(telegram.token.length).toBeGreaterThan(10);
  await page.getByRole("button", { name: "Rotate token of Telegram bot" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Rotate token" }).click();
  await expect(page.getByLabel("Token of Telegram bot")).not.toHaveValue(telegram.token);
  const old = await page.request.post(`/api/ingress/${telegram.id}`, {
    headers: { Authorization: `Bearer ${telegram.token}` },
    data: {},
  });
  expect(old.status()).toBe(401);
  await expectAccessible(page);

  await page.goto("/settings/usage");
  await expect(page.getByRole("table", { name: "Monthly active contacts" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: /\(current\)/ })).toBeVisible();
  await expectAccessible(page);
});

test("agents see the channel endpoints but no tokens", async ({ page }) => {
  await signIn(page, USERS.agent.email);
  await page.goto("/settings/channels");
  await expect(page.getByText("/api/ingress/").first()).toBeVisible();
  await expect(page.getByLabel(/^Token of /)).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Rotate token/ })).toHaveCount(0);
});
