import type { ServiceHandler } from "../context.ts";
import { json } from "../http.ts";

export const handleRest: ServiceHandler = async (_request, path) =>
  json({ code: "PGRST000", message: `REST ${path} is not implemented yet`, details: null, hint: null }, 501);
