import { z } from "zod";

/** A message's length limit, in characters (as the database counts them: char_length). */
export const MESSAGE_MAX_LENGTH = 4000;

/** Characters as the database counts them (code points, not UTF-16 units): "😀" is one. */
export const messageLength = (body: string) => [...body].length;

export const messageBodySchema = z
  .string({ error: "errors.messageEmpty" })
  .refine((body) => body.trim() !== "", { error: "errors.messageEmpty" })
  .refine((body) => messageLength(body) <= MESSAGE_MAX_LENGTH, { error: "errors.messageTooLong" });
