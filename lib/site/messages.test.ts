import { describe, expect, it } from "vitest";
import { mergeMessages, parseSiteMessage, type SiteMessage } from "./messages";

const message = (id: number, body = `m${id}`): SiteMessage => ({
  id,
  authorSide: "organizer",
  authorName: "Alice",
  body,
  clientId: null,
  createdAt: "2026-11-25T10:00:00Z",
});

describe("mergeMessages", () => {
  it("merges by id without duplicates, in id order, the newer copy winning", () => {
    const merged = mergeMessages([message(1), message(3)], [message(2), message(3, "edited"), message(1)]);
    expect(merged.map((m) => m.id)).toEqual([1, 2, 3]);
    expect(merged[2].body).toBe("edited");
  });
});

describe("parseSiteMessage", () => {
  it("reads a row or an RPC result (bigint ids may come as strings), and rejects anything else", () => {
    expect(
      parseSiteMessage({ id: "7", thread_id: 2, author_side: "participant", author_name: null, body: "Hi", client_id: "c", created_at: "t" }),
    ).toEqual({ id: 7, threadId: 2, authorSide: "participant", authorName: null, body: "Hi", clientId: "c", createdAt: "t" });
    expect(parseSiteMessage({ id: 1, thread_id: 2, author_side: "robot", body: "x", created_at: "t" })).toBeNull();
    expect(parseSiteMessage(null)).toBeNull();
  });
});
