import type { ServiceHandler } from "./context.ts";
import { json } from "./http.ts";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/**
 * The local mailbox (what Inbucket/Mailpit is for `supabase start`): `GET /__local/mailbox?email=` lists mails as JSON,
 * newest first; `DELETE` empties it; `GET /__local/mailbox/html` is the page developers read.
 */
export const handleMailbox: ServiceHandler = async (request, path, ctx) => {
  const email = new URL(request.url).searchParams.get("email") ?? undefined;
  if (request.method === "DELETE" && path === "/") {
    ctx.mailbox.clear();
    return new Response(null, { status: 204 });
  }
  if (request.method !== "GET") return json({ message: `${request.method} is not supported on the mailbox` }, 405);
  if (path === "/") return json(ctx.mailbox.list(email));
  if (path === "/html") {
    const rows = ctx.mailbox
      .list(email)
      .map(
        (mail) =>
          `<article><h2>${escapeHtml(mail.subject)}</h2><p><b>To</b> ${escapeHtml(mail.to)} · ${escapeHtml(mail.sentAt)}</p>` +
          `<pre>${escapeHtml(mail.text)}</pre>${mail.link ? `<p><a href="${escapeHtml(mail.link)}">Open the link</a></p>` : ""}</article>`,
      )
      .join("");
    const page = `<!doctype html><meta charset="utf-8"><title>Local mailbox</title>
<style>body{font:15px system-ui;max-width:48rem;margin:2rem auto;padding:0 1rem}article{border:1px solid #ddd;border-radius:8px;padding:0 1rem;margin:1rem 0}pre{white-space:pre-wrap}</style>
<h1>Local mailbox</h1><p>Mails the local auth server would have sent, newest first. Reload to refresh.</p>${rows || "<p>No mail yet.</p>"}`;
    return new Response(page, { headers: { "content-type": "text/html; charset=utf-8" } });
  }
  return json({ message: `no route for ${path} in the mailbox` }, 404);
};
