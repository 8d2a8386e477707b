import type { Metadata } from "next";
import Link from "next/link";
import { eventHomePath } from "@/components/backoffice/event-links";
import { ChevronIcon } from "@/components/backoffice/icons";
import { TopBar } from "@/components/backoffice/top-bar";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth";
import { getTranslation } from "@/lib/i18n/server";
import { listMyEvents } from "@/lib/queries/events";
import { getMyProfile } from "@/lib/queries/profile";
import { createClient } from "@/lib/supabase/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslation("backoffice");
  return { title: t("home.title") };
}

export default async function AdminHomePage() {
  const user = await requireUser();
  const { t } = await getTranslation("backoffice");
  const [events, profile] = await Promise.all([listMyEvents(await createClient(), user.id), getMyProfile()]);
  const name = profile.saved ? profile.displayName : user.displayName;
  return (
    <>
      <TopBar displayName={profile.displayName} />
      <main className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
        <h1 className="text-2xl font-semibold tracking-tight">
          {name ? t("home.welcome", { name }) : t("home.welcomeAnonymousName")}
        </h1>
        <p className="mt-1 text-sm text-muted-foreground" data-testid="signed-in-as">
          {t("home.signedInAs", { email: user.email })}
        </p>
        <section className="mt-8" aria-labelledby="events-title">
          <h2 id="events-title" className="text-sm font-semibold tracking-wide text-muted-foreground uppercase">
            {t("home.eventsTitle")}
          </h2>
          {events.length === 0 ? (
            <Card className="mt-3 flex flex-col items-center px-6 py-14 text-center">
              <span aria-hidden className="grid size-11 place-items-center rounded-full bg-muted text-muted-foreground">
                <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
                  <rect x="3" y="4" width="18" height="18" rx="2" />
                  <path d="M16 2v4M8 2v4M3 10h18" />
                </svg>
              </span>
              <p className="mt-4 font-medium">{t("home.eventsEmpty")}</p>
              <p className="mt-1 max-w-sm text-sm text-muted-foreground">{t("home.eventsEmptyHint")}</p>
            </Card>
          ) : (
            <Card className="mt-3 overflow-hidden">
              <ul aria-labelledby="events-title" className="divide-y divide-border">
                {events.map((event) => (
                  <li key={event.id}>
                    {/* Not prefetched: a user with many events would load every event's grid on this page. */}
                    <Link
                      href={eventHomePath(event.slug, event.role)}
                      prefetch={false}
                      className="flex items-center justify-between gap-4 px-5 py-4 transition-colors hover:bg-muted/60 focus-visible:bg-muted/60 focus-visible:-outline-offset-2"
                    >
                      <div className="min-w-0">
                        <p className="font-medium break-words">{event.name}</p>
                        <p className="text-sm break-all text-muted-foreground">{t("home.eventSite", { slug: event.slug })}</p>
                      </div>
                      <span className="flex shrink-0 items-center gap-2">
                        <span className="rounded-full bg-muted px-2.5 py-0.5 text-xs font-medium text-muted-foreground">
                          {event.role === "translator" ? t("home.roleTranslator") : t("home.roleOrganizer")}
                        </span>
                        <ChevronIcon className="size-4 -rotate-90 text-muted-foreground" />
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            </Card>
          )}
        </section>
      </main>
    </>
  );
}
