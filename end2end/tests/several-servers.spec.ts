// Several app servers over one PostgreSQL database. For the PostgreSQL pass,
// scripts/e2e.sh starts a second server over the same database and hands
// its address over in SECOND_URL; the SQLite pass leaves these tests out.
import { expect } from "@playwright/test";
import { test } from "./helpers";
import { USERS, signIn } from "./helpers";
import { channel, ingress, openInbox, unique } from "./inbox-helpers";

test("@several-servers a message posted to server A appears live in the Inbox served by server B", async ({
  page,
  browser,
}) => {
  const second = process.env.SECOND_URL;
  expect(second, "SECOND_URL names the second server (scripts/e2e.sh sets it)").toBeTruthy();
  await signIn(page, USERS.owner.email);
  const webchat = await channel(page, "Website chat");
  const sender = unique();
  const contact = await ingress(page, webchat, sender, "Asked through server A");

  const onB = await browser.newPage({ baseURL: second });
  await signIn(onB, USERS.manager.email);
  await openInbox(onB, `contact=${contact}`);
  const messages = onB.getByRole("list", { name: "Messages" });
  await expect(messages.getByText("Asked through server A")).toBeVisible();

  await ingress(page, webchat, sender, "Live from server A");
  await expect(messages.getByText("Live from server A")).toBeVisible();
  await onB.close();
});
