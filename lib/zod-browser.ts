// Zod compiles faster parsers with `new Function` after probing whether eval is allowed. The CSP allows no eval, so
// in the browser the probe is reported as a violation: parse without it there (the server keeps the compiled path).
// Zod keeps its configuration in this global (created by whichever of zod and this module runs first), so setting it
// here does not pull zod into every page's JavaScript.
declare global {
  var __zod_globalConfig: { jitless?: boolean } | undefined;
}

if (typeof window !== "undefined") {
  globalThis.__zod_globalConfig ??= {};
  globalThis.__zod_globalConfig.jitless = true;
}

export {};
