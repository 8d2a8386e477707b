import type { Metadata } from "next";
import Link from "next/link";
import { LiveRefresh } from "@/components/site/live-refresh";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getOrganizerThread, getSiteSettings, getUnreadCount, listThreadMessages, requireSiteEvent } from "@/lib/queries/site";
import { siteMessagesPath } from "@/lib/routes";
import { getSiteTranslation } from "@/lib/site/i18n";
import { requireSiteParticipant } from "@/lib/site/participant";
import { siteContactPath, siteThreadPath } from "@/lib/site/paths";

type Params = Promise<{ eventSlug: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { eventSlug } = await params;
  const { t } = await getSiteTranslation(await requireSiteEvent(eventSlug));
  return { title: t("messages.title") };
}

/** The participant's conversations: their organizer conversation (one per participant), or how to start it. */
export default async function SiteMessagesPage({ params }: { params: Params }) {
  const { eventSlug } = await params;
  const { event, participant } = await requireSiteParticipant(eventSlug, siteMessagesPath(eventSlug));
  const [{ t, locale }, settings, thread, unread] = await Promise.all([
    getSiteTranslation(event),
    getSiteSettings(event.id),
    getOrganizerThread(participant.id),
    getUnreadCount(event.id),
  ]);
  const last = thread ? (await listThreadMessages(thread.id)).at(-1) : undefined;

  return (
    <div className="mx-auto max-w-2xl">
      <LiveRefresh />
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{t("messages.title")}</h1>
        {settings.allowContactOrganizer && !thread ? (
          <Link href={siteContactPath(event.slug)} className={buttonClasses({ size: "sm" })}>
            {t("header.contactOrganizer")}
          </Link>
        ) : null}
      </div>
      {thread && last ? (
        <Card className="mt-5 overflow-hidden">
          <ul aria-label={t("messages.title")}>
            <li>
              <Link href={siteThreadPath(event.slug, thread.id)} className="flex items-start gap-3 px-5 py-4 hover:bg-muted/60 focus-visible:-outline-offset-2">
                <span aria-hidden className="mt-0.5 grid size-10 shrink-0 place-items-center rounded-full bg-primary/10 text-sm font-semibold text-primary">
                  {[...event.name][0]}
                </span>
                <span className="min-w-0 flex-1">
                  <span className="flex items-baseline justify-between gap-3">
                    <span className={unread > 0 ? "truncate font-semibold" : "truncate font-medium"}>
                      {t("companion.trad.discussionthreads.participant.organizer", { eventName: event.name })}
                    </span>
                    <time dateTime={last.createdAt} className="shrink-0 text-xs text-muted-foreground" suppressHydrationWarning>
                      {new Date(last.createdAt).toLocaleDateString(locale, { day: "numeric", month: "short" })}
                    </time>
                  </span>
                  <span className="mt-0.5 flex items-center gap-2">
                    <span className="line-clamp-1 min-w-0 flex-1 text-sm text-muted-foreground">
                      {last.authorSide === "participant" ? `${t("messages.you")}: ` : ""}
                      {last.body}
                    </span>
                    {unread > 0 ? (
                      <span className="shrink-0 rounded-full bg-primary px-2 py-0.5 text-[11px] font-semibold text-primary-foreground">{t("messages.unread")}</span>
                    ) : null}
                  </span>
                </span>
              </Link>
            </li>
          </ul>
        </Card>
      ) : (
        <Card className="mt-5 flex flex-col items-center px-6 py-14 text-center">
          <p className="font-medium">{t("messages.empty")}</p>
          <p className="mt-1 max-w-sm text-sm text-muted-foreground">
            {settings.allowContactOrganizer ? t("messages.emptyContactHint") : t("messages.emptyHint")}
          </p>
        </Card>
      )}
    </div>
  );
}
