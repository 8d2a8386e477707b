import Link from "next/link";
import type { ReactNode } from "react";
import { getTranslation } from "@/lib/i18n/server";
import { LocaleSwitcher } from "./locale-switcher";

/** The top bar: product name, optional actions (the signed-in user), language choice. */
export async function SiteHeader({ children }: { children?: ReactNode }) {
  const { t } = await getTranslation("common");
  return (
    <header className="border-b border-border bg-surface/80 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-5xl items-center justify-between gap-4 px-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2 text-sm font-semibold tracking-tight">
          <span aria-hidden className="grid size-7 place-items-center rounded-md bg-primary text-primary-foreground">
            <svg viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
              <path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z" />
            </svg>
          </span>
          {t("app.name")}
        </Link>
        <div className="flex items-center gap-3">
          {children}
          <LocaleSwitcher />
        </div>
      </div>
    </header>
  );
}
