import { Fragment } from "react";
import { linkify } from "@/lib/messaging/linkify";

/**
 * A message body, rendered as text: newlines kept (pre-wrap), web addresses clickable, never HTML.
 * Used by the back-office and the event site alike.
 */
export function MessageText({ body, className }: { body: string; className?: string }) {
  return (
    <p className={`whitespace-pre-wrap break-words ${className ?? ""}`}>
      {linkify(body).map((part, index) =>
        part.kind === "link" ? (
          <a key={index} href={part.href} target="_blank" rel="noopener noreferrer" className="underline underline-offset-2">
            {part.text}
          </a>
        ) : (
          <Fragment key={index}>{part.text}</Fragment>
        ),
      )}
    </p>
  );
}
