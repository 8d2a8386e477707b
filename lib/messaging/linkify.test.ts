import { describe, expect, it } from "vitest";
import { linkify } from "./linkify";

describe("linkify", () => {
  it("leaves plain text and HTML-looking text as text", () => {
    expect(linkify('<b>hi</b> & <script>alert("x")</script>')).toEqual([
      { kind: "text", text: '<b>hi</b> & <script>alert("x")</script>' },
    ]);
  });

  it("turns http(s) and www. addresses into links, without sentence punctuation", () => {
    expect(linkify("See https://example.com/a?b=1, or www.example.org.")).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", text: "https://example.com/a?b=1", href: "https://example.com/a?b=1" },
      { kind: "text", text: ", or " },
      { kind: "link", text: "www.example.org", href: "https://www.example.org" },
      { kind: "text", text: "." },
    ]);
  });

  it("keeps a parenthesis that belongs to the address", () => {
    expect(linkify("(https://en.wikipedia.org/wiki/Foo_(bar))")[1]).toEqual({
      kind: "link",
      text: "https://en.wikipedia.org/wiki/Foo_(bar)",
      href: "https://en.wikipedia.org/wiki/Foo_(bar)",
    });
  });

  it("never links other schemes", () => {
    expect(linkify("javascript:alert(1) data:text/html,x")).toEqual([
      { kind: "text", text: "javascript:alert(1) data:text/html,x" },
    ]);
  });
});
