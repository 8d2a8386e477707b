import { isAbsolute, relative } from "node:path";
import { demoLoginLines, LOCAL_MAILBOX_PAGE } from "./demo.ts";

export interface DevBannerInfo {
  seconds: string;
  appUrl: string;
  stackUrl: string;
  /** Login URL of `postgres` (its password is hidden in the banner). */
  postgresUrl: string;
  /** The folder the stack keeps its database and secrets in (SUPABASE_LOCAL_DIR, else .supabase-local/). */
  stateDir: string;
  publishableKey: string;
  secretKey: string;
  anonKey: string;
  /** The folder paths are shown relative to (the project's root). */
  cwd: string;
}

/** A folder as a developer would type it here: relative under `cwd`, absolute elsewhere; with a trailing slash. */
export function displayFolder(folder: string, cwd: string): string {
  const path = relative(cwd, folder);
  const shown = path === "" ? "." : path.startsWith("..") || isAbsolute(path) ? folder : path;
  return shown.endsWith("/") ? shown : `${shown}/`;
}

/** What `npm run dev` prints once everything answers. */
export function devBanner(info: DevBannerInfo): string {
  const state = displayFolder(info.stateDir, info.cwd);
  return `
  Ready in ${info.seconds} s. Ctrl-C stops everything.

  App              ${info.appUrl}
  Back-office      ${info.appUrl}/admin/sign-in
  Supabase API     ${info.stackUrl}   (auth /auth/v1, REST /rest/v1, Realtime /realtime/v1)
  Local mailbox    ${info.stackUrl}${LOCAL_MAILBOX_PAGE}   (every mail the app sends: sign-in codes and links)
  Database         ${info.postgresUrl.replace(/:[^:@/]+@/, ":<password>@")}   (password: ${state}secrets.json)
  State folder     ${state}   (database, secrets; SUPABASE_LOCAL_DIR picks another)

  Publishable key  ${info.publishableKey}
  Secret key       ${info.secretKey}
  Legacy anon key  ${info.anonKey}

${demoLoginLines(info.appUrl, info.stackUrl)
  .map((line) => `  ${line}`)
  .join("\n")}
`;
}
