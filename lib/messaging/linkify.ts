/** A piece of message text: plain text, or a web address to render as a link. */
export type TextPart = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

// http(s) addresses and bare www. addresses; trailing punctuation that usually ends a sentence is left out.
const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi;
const TRAILING = ".,;:!?)]}'\"»";

/** The address without the punctuation that ends the sentence around it; a ")" closing a "(" of the address stays. */
function trimTrailing(address: string): string {
  let end = address.length;
  while (end > 0 && TRAILING.includes(address[end - 1])) {
    const candidate = address.slice(0, end);
    if (address[end - 1] === ")" && candidate.split("(").length > candidate.split(")").length - 1) break;
    end -= 1;
  }
  return address.slice(0, end);
}

/** Splits message text into text and links. Only http(s) links are produced: never javascript: or data: URLs. */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const address = trimTrailing(match[0]);
    const start = match.index;
    if (start > last) parts.push({ kind: "text", text: text.slice(last, start) });
    const href = /^https?:\/\//i.test(address) ? address : `https://${address}`;
    parts.push({ kind: "link", text: address, href });
    last = start + address.length;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return parts;
}
