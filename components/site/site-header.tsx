import Link from "next/link";
import { Button, buttonClasses } from "@/components/ui/button";
import { headerMenuHref, headerMenuLabel, isExternalTarget, type HeaderMenuItem } from "@/lib/cms/header-menu";
import { signOutOfSite } from "@/lib/actions/site-sign-out";
import type { Locale } from "@/lib/i18n/settings";
import type { SiteEvent, SiteParticipant } from "@/lib/queries/site";
import { siteMessagesPath, sitePath, siteSignInPath } from "@/lib/routes";
import type { getSiteTranslation } from "@/lib/site/i18n";
import { siteContactPath } from "@/lib/site/paths";
import { LocaleSwitcher } from "@/components/locale-switcher";
import { SiteNavLink } from "./site-nav-link";
import { UnreadBadge } from "./unread-badge";

type SiteT = Awaited<ReturnType<typeof getSiteTranslation>>["t"];

/**
 * The event site's header: event name, then the header menu (home, messages with the unread badge, Contact the
 * organizer — only rendered when the CMS option allows it — then the CMS's own items), language and the participant's
 * session.
 */
export async function SiteHeader({
  event,
  participant,
  allowContact,
  menu,
  unread,
  locale,
  t,
}: {
  event: SiteEvent;
  participant: SiteParticipant | null;
  allowContact: boolean;
  /** The CMS header menu's items, after the built-in ones. */
  menu: HeaderMenuItem[];
  unread: number;
  locale: Locale;
  t: SiteT;
}) {
  return (
    <header className="border-b border-border bg-surface">
      <div className="mx-auto flex h-14 max-w-5xl items-center gap-3 px-4 sm:px-6">
        <Link href={sitePath(event.slug)} className="min-w-0 flex-1 truncate text-base font-semibold tracking-tight">
          {event.name}
        </Link>
        <LocaleSwitcher locale={locale} />
        {participant ? (
          <form action={signOutOfSite} className="flex items-center gap-3">
            <input type="hidden" name="eventSlug" value={event.slug} />
            {/* At most a quarter of the row: a long name must not squeeze the event name out of the header. */}
            <span
              className="hidden max-w-64 truncate text-sm text-muted-foreground md:inline"
              title={`${participant.firstName} ${participant.lastName}`}
              data-testid="site-signed-in-as"
            >
              {t("header.signedInAs", { name: `${participant.firstName} ${participant.lastName}` })}
            </span>
            <Button type="submit" variant="ghost" size="sm">
              {t("header.signOut")}
            </Button>
          </form>
        ) : (
          <Link href={siteSignInPath(event.slug)} className={buttonClasses({ variant: "secondary", size: "sm" })}>
            {t("header.signIn")}
          </Link>
        )}
      </div>
      <nav aria-label={t("header.menu")} className="mx-auto max-w-5xl px-2 sm:px-4">
        <ul className="-mb-px flex gap-1 overflow-x-auto pb-2">
          <li>
            <SiteNavLink href={sitePath(event.slug)} exact>
              {t("header.home")}
            </SiteNavLink>
          </li>
          <li>
            <SiteNavLink href={siteMessagesPath(event.slug)} except={siteContactPath(event.slug)} testId="site-messages-link">
              {t("header.messages")}
              {participant ? <UnreadBadge eventId={event.id} initial={unread} /> : null}
            </SiteNavLink>
          </li>
          {allowContact ? (
            <li>
              <SiteNavLink href={siteContactPath(event.slug)}>{t("header.contactOrganizer")}</SiteNavLink>
            </li>
          ) : null}
          {menu.map((item) => (
            <li key={item.id}>
              {isExternalTarget(item.target) ? (
                <a
                  href={item.target}
                  target="_blank"
                  rel="noopener noreferrer"
                  className="inline-flex h-9 items-center rounded-control px-3 text-sm font-medium whitespace-nowrap text-muted-foreground hover:bg-muted hover:text-foreground"
                >
                  {headerMenuLabel(item, locale)}
                </a>
              ) : (
                <SiteNavLink href={headerMenuHref(item, event.slug)} exact>
                  {headerMenuLabel(item, locale)}
                </SiteNavLink>
              )}
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
