import { describe, expect, it } from "vitest";
import { mergeMessages } from "./conversation";
import { mergeInbox, type InboxRow } from "./inbox";

const m = (id: number, clientId: string | null = null) => ({ id, clientId });

describe("mergeMessages", () => {
  it("orders by id and never duplicates a message fetched twice", () => {
    expect(mergeMessages([m(1), m(3)], [m(2), m(3), m(4)]).map((x) => x.id)).toEqual([1, 2, 3, 4]);
  });

  it("replaces an optimistic message by the confirmed one with its client id, keeping other pending ones last", () => {
    const merged = mergeMessages([m(1), m(-1, "a"), m(-2, "b")], [m(5, "a")]);
    expect(merged).toEqual([m(1), m(5, "a"), m(-2, "b")]);
  });

  it("keeps pending messages in the order they were written, after confirmed ones", () => {
    expect(mergeMessages([m(-1, "a"), m(-2, "b")], [m(7)]).map((x) => x.id)).toEqual([7, -1, -2]);
  });
});

const row = (threadId: number, lastMessageId: number): InboxRow => ({
  threadId,
  participantId: `p${threadId}`,
  name: `P ${threadId}`,
  email: "",
  lastMessageId,
  lastMessageAt: "2026-11-25T10:00:00Z",
  lastMessageSide: "participant",
  preview: "",
  unread: false,
});

describe("mergeInbox", () => {
  it("puts a conversation that moved up once, at its new place, and keeps older loaded rows", () => {
    const current = [row(1, 90), row(2, 80), row(3, 70), row(4, 60)];
    const fresh = [row(3, 100), row(1, 90)];
    expect(mergeInbox(current, fresh, false).map((r) => r.threadId)).toEqual([3, 1, 2, 4]);
  });

  it("takes a complete first page as the whole list", () => {
    expect(mergeInbox([row(1, 90), row(2, 80)], [row(2, 95)], true).map((r) => r.threadId)).toEqual([2]);
  });
});
