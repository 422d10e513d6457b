// Helpers of the Inbox specs: channels, ingress, server functions.
import { expect, type Page } from "@playwright/test";
import { hydrated } from "./helpers";

/** A channel's id and token, read from Settings → Channels (owners only). */
export async function channel(page: Page, name: string) {
  await page.goto("/settings/channels");
  await hydrated(page);
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name, exact: true }) });
  const endpoint = await card.locator("code").innerText();
  const id = Number(endpoint.split("/").pop());
  const token = await card.getByLabel(`Token of ${name}`).inputValue();
  return { id, token };
}

/** Posts an incoming message to a channel's ingress endpoint; returns the contact id. */
export async function ingress(
  page: Page,
  target: { id: number; token: string },
  sender: string,
  text: string,
  extra: Record<string, string> = {},
) {
  const response = await page.request.post(`/api/ingress/${target.id}`, {
    headers: { Authorization: `Bearer ${target.token}` },
    data: {
      message_id: `${sender}-${Date.now()}-${Math.random()}`,
      sender: { id: sender, name: `Visitor ${sender}`, ...extra },
      text,
      sent_at: new Date().toISOString(),
    },
  });
  expect(response.status()).toBe(201);
  return (await response.json()).contact_id as number;
}

/** Calls one of the Inbox's server functions as the app does. */
export async function serverFn(page: Page, endpoint: string, form: Record<string, string>) {
  return page.request.post(`/api/${endpoint}`, {
    form,
    headers: { Origin: new URL(page.url()).origin },
  });
}

/** Calls a server function with a JSON body, as the app does. */
export async function serverJson(page: Page, endpoint: string, body: unknown) {
  return page.request.post(`/api/${endpoint}`, {
    data: body,
    headers: { Origin: new URL(page.url()).origin },
  });
}

export async function openInbox(page: Page, query: string) {
  await page.goto(`/inbox?${query}`);
  await hydrated(page);
  await expect(page.locator(".inbox")).toHaveAttribute("data-live", "connected");
}

export const unique = () => `e2e-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
