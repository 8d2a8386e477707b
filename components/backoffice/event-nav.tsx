"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ComponentType, ReactNode, SVGProps } from "react";
import { useTranslation } from "react-i18next";
import { cn } from "@/components/ui/cn";
import type { TeamRole } from "@/lib/queries/events";
import { SiteIcon } from "@/components/cms/site-icon";
import { inboxPath, participantsPath, siteAdminPath, translationsPath } from "@/lib/routes";
import { LanguagesIcon, MessagesIcon, UsersIcon } from "./icons";

interface Item {
  href: string;
  label: string;
  icon: ComponentType<SVGProps<SVGSVGElement>>;
  badge?: ReactNode;
}

/**
 * The event's navigation. "sidebar" on wide screens, "bar" (one scrollable row) on narrow ones. Translators only get
 * the translation tool.
 */
export function EventNav({
  slug,
  role,
  inboxBadge,
  variant,
}: {
  slug: string;
  role: TeamRole;
  inboxBadge: ReactNode;
  variant: "sidebar" | "bar";
}) {
  const { t } = useTranslation("shell");
  const { t: tCms } = useTranslation("cms");
  const pathname = usePathname();
  const isActive = (href: string) => pathname === href || pathname.startsWith(`${href}/`);

  const participants: Item = { href: participantsPath(slug), label: t("nav.participants"), icon: UsersIcon };
  const messages: Item = { href: inboxPath(slug), label: t("nav.messages"), icon: MessagesIcon, badge: inboxBadge };
  const translations: Item = { href: translationsPath(slug), label: t("nav.translations"), icon: LanguagesIcon };
  const site: Item = { href: siteAdminPath(slug), label: tCms("title"), icon: SiteIcon };

  const link = (item: Item) => {
    const active = isActive(item.href);
    const Icon = item.icon;
    return (
      <Link
        href={item.href}
        aria-current={active ? "page" : undefined}
        className={cn(
          "flex items-center gap-2.5 rounded-control text-sm font-medium transition-colors",
          // The sidebar is narrow: a long label ("Messages des participants" and its badge) wraps rather than being cut.
          variant === "sidebar" ? "min-h-9 px-2.5 py-1.5 leading-snug" : "h-8 px-3 whitespace-nowrap",
          active ? "bg-primary/10 text-primary" : "text-muted-foreground hover:bg-muted hover:text-foreground",
        )}
      >
        <Icon className="size-4 shrink-0" />
        <span className={cn("min-w-0 flex-1", variant === "sidebar" && "break-words")}>{item.label}</span>
        {item.badge}
      </Link>
    );
  };

  if (variant === "bar") {
    const items = role === "organizer" ? [participants, messages, site, translations] : [translations];
    return (
      <nav aria-label={t("nav.label")} className="border-b border-border bg-surface lg:hidden">
        <ul className="flex gap-1 overflow-x-auto px-3 py-2">
          {items.map((item) => (
            <li key={item.href}>{link(item)}</li>
          ))}
        </ul>
      </nav>
    );
  }

  return (
    <nav aria-label={t("nav.label")} className="space-y-5">
      {role === "organizer" ? (
        <>
          <ul className="space-y-0.5">
            <li>{link(participants)}</li>
          </ul>
          <div>
            <p id="nav-interactivity" className="px-2.5 pb-1.5 text-[11px] font-semibold tracking-wider text-muted-foreground uppercase">
              {t("nav.interactivity")}
            </p>
            <ul aria-labelledby="nav-interactivity" className="space-y-0.5">
              <li>{link(messages)}</li>
            </ul>
          </div>
        </>
      ) : null}
      <ul className="space-y-0.5">
        {role === "organizer" ? <li>{link(site)}</li> : null}
        <li>{link(translations)}</li>
      </ul>
    </nav>
  );
}
