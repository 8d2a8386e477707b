import type { ServiceHandler } from "../context.ts";
import { json } from "../http.ts";

export const handleAuth: ServiceHandler = async (_request, path) =>
  json({ code: "not_implemented", message: `auth endpoint ${path} is not implemented yet` }, 501);
