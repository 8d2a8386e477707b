import { z } from "zod";
import { MESSAGE_MAX_LENGTH, messageLength } from "./message-length";

export { MESSAGE_MAX_LENGTH, messageLength };

export const messageBodySchema = z
  .string({ error: "errors.messageEmpty" })
  .refine((body) => body.trim() !== "", { error: "errors.messageEmpty" })
  .refine((body) => messageLength(body) <= MESSAGE_MAX_LENGTH, { error: "errors.messageTooLong" });
