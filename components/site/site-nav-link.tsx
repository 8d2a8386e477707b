"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/** A header menu item, highlighted on its pages ("exact" for the home page). */
export function SiteNavLink({
  href,
  exact,
  except,
  children,
  testId,
}: {
  href: string;
  exact?: boolean;
  /** A page under `href` that has its own item. */
  except?: string;
  children: ReactNode;
  testId?: string;
}) {
  const pathname = usePathname();
  const active = exact ? pathname === href : (pathname === href || pathname.startsWith(`${href}/`)) && pathname !== except;
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      data-testid={testId}
      className={cn(
        "flex h-9 items-center gap-2 rounded-control px-3 text-sm font-medium whitespace-nowrap transition-colors focus-visible:-outline-offset-2",
        active ? "bg-primary/10 text-primary" : "text-muted-foreground hover:bg-muted hover:text-foreground",
      )}
    >
      {children}
    </Link>
  );
}
