import { z } from "zod";

// Zod compiles faster parsers with `new Function` after probing whether eval is allowed. The CSP allows no eval, so
// in the browser the probe is reported as a violation: parse without it there (the server keeps the compiled path).
if (typeof window !== "undefined") z.config({ jitless: true });
