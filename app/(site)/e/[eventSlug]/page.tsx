import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getSiteParticipant, getSiteSettings, requireSiteEvent } from "@/lib/queries/site";
import { siteMessagesPath, siteSignInPath } from "@/lib/routes";
import { getSiteTranslation } from "@/lib/site/i18n";
import { siteContactPath } from "@/lib/site/paths";

export default async function SiteHomePage({ params }: { params: Promise<{ eventSlug: string }> }) {
  const { eventSlug } = await params;
  const event = await requireSiteEvent(eventSlug);
  const [{ t }, participant, settings] = await Promise.all([getSiteTranslation(event), getSiteParticipant(event.id), getSiteSettings(event.id)]);
  return (
    <Card className="px-6 py-12 text-center sm:px-10 sm:py-16">
      {participant ? <p className="text-sm font-medium text-primary">{t("home.greeting", { name: participant.firstName })}</p> : null}
      <h1 className="mt-2 text-3xl font-semibold tracking-tight text-balance sm:text-4xl">{t("home.welcome", { eventName: event.name })}</h1>
      <p className="mx-auto mt-4 max-w-xl text-pretty text-muted-foreground">{t("home.lead")}</p>
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        {participant ? (
          <>
            <Link href={siteMessagesPath(event.slug)} className={buttonClasses({ size: "lg" })}>
              {t("home.messagesCta")}
            </Link>
            {settings.allowContactOrganizer ? (
              <Link href={siteContactPath(event.slug)} className={buttonClasses({ size: "lg", variant: "secondary" })}>
                {t("header.contactOrganizer")}
              </Link>
            ) : null}
          </>
        ) : (
          <Link href={siteSignInPath(event.slug)} className={buttonClasses({ size: "lg" })}>
            {t("home.signInCta")}
          </Link>
        )}
      </div>
    </Card>
  );
}
