import { describe, expect, it } from "vitest";
import { parseMessageNotice, parseReadNotice, toId } from "./site-payloads";

describe("the event site's Realtime payloads", () => {
  it("reads a message notice, with a bigint thread id as a number or a string", () => {
    expect(parseMessageNotice({ thread_id: 12, author_side: "organizer", client_id: null })).toEqual({ threadId: 12, authorSide: "organizer", clientId: null });
    expect(parseMessageNotice({ thread_id: "12", author_side: "participant", client_id: "c-1" })).toEqual({ threadId: 12, authorSide: "participant", clientId: "c-1" });
    expect(parseMessageNotice({ thread_id: 12, author_side: "organizer" })).toEqual({ threadId: 12, authorSide: "organizer", clientId: null });
  });

  it("drops anything else", () => {
    for (const payload of [
      null,
      "x",
      [],
      { thread_id: 12, author_side: "robot" },
      { thread_id: "12x", author_side: "organizer" },
      { thread_id: -1, author_side: "organizer" },
      { thread_id: 1.5, author_side: "organizer" },
      { thread_id: 12, author_side: "organizer", client_id: 42 },
      { author_side: "organizer" },
    ]) {
      expect(parseMessageNotice(payload), JSON.stringify(payload)).toBeNull();
    }
  });

  it("reads a read notice", () => {
    expect(parseReadNotice({ thread_id: 3 })).toEqual({ threadId: 3 });
    expect(parseReadNotice({ thread_id: null })).toBeNull();
    expect(parseReadNotice(undefined)).toBeNull();
  });

  it("takes only positive safe integers as ids", () => {
    expect(toId(7)).toBe(7);
    expect(toId("9007199254740991")).toBe(9007199254740991);
    expect(toId("99999999999999999")).toBeNull();
    expect(toId(0)).toBeNull();
    expect(toId(" 7")).toBeNull();
  });
});
