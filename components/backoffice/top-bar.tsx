import Link from "next/link";
import type { ReactNode } from "react";
import { LocaleSwitcher } from "@/components/locale-switcher";
import { Button } from "@/components/ui/button";
import { signOut } from "@/lib/actions/sign-out";
import { getTranslation } from "@/lib/i18n/server";
import { ADMIN_HOME_PATH, PROFILE_PATH } from "@/lib/routes";
import { LogoIcon } from "./icons";

/**
 * The back-office top bar: product (home), an optional middle part (the event switcher), the user's name (their
 * profile), language and sign-out.
 */
export async function TopBar({ displayName, children }: { displayName: string; children?: ReactNode }) {
  const [{ t }, { t: tc }] = await Promise.all([getTranslation("shell"), getTranslation("common")]);
  return (
    <header className="sticky top-0 z-30 border-b border-border bg-surface/90 backdrop-blur">
      <div className="flex h-14 items-center gap-2 px-3 sm:gap-3 sm:px-5">
        <Link href={ADMIN_HOME_PATH} className="flex shrink-0 items-center gap-2 text-sm font-semibold tracking-tight">
          <span aria-hidden className="grid size-7 place-items-center rounded-md bg-primary text-primary-foreground">
            <LogoIcon className="size-4" />
          </span>
          {/* The name is the link's accessible name at every width (WCAG 2.5.3: the name contains what is shown). */}
          <span className="sr-only md:not-sr-only">{tc("app.name")}</span>
          <span className="sr-only"> {t("topBar.home")}</span>
        </Link>
        {children ? (
          <>
            <span aria-hidden className="text-border">
              /
            </span>
            <div className="flex min-w-0 flex-1 items-center">{children}</div>
          </>
        ) : (
          <div className="flex-1" />
        )}
        <Link
          href={PROFILE_PATH}
          className="flex h-8 min-w-0 max-w-40 items-center gap-2 rounded-control px-1.5 text-sm hover:bg-muted sm:max-w-56"
          data-testid="profile-link"
        >
          <span aria-hidden className="grid size-6 shrink-0 place-items-center rounded-full bg-muted text-xs font-semibold uppercase">
            {[...displayName][0] ?? "?"}
          </span>
          <span className="sr-only sm:not-sr-only sm:truncate">{displayName}</span>
          <span className="sr-only"> {t("topBar.profile")}</span>
        </Link>
        <LocaleSwitcher />
        <form action={signOut}>
          <Button type="submit" variant="ghost" size="sm" className="px-2 sm:px-3">
            {t("topBar.signOut")}
          </Button>
        </form>
      </div>
    </header>
  );
}
