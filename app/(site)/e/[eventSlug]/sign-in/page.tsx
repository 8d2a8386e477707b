import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SiteSignInForm } from "@/components/site/sign-in-form";
import { Card } from "@/components/ui/card";
import { localMailboxUrl } from "@/lib/env";
import { getSiteParticipant, requireSiteEvent } from "@/lib/queries/site";
import { getSiteTranslation } from "@/lib/site/i18n";
import { siteNextPath } from "@/lib/site/next-path";

type Params = Promise<{ eventSlug: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { eventSlug } = await params;
  const { t } = await getSiteTranslation(await requireSiteEvent(eventSlug));
  return { title: t("header.signIn") };
}

export default async function SiteSignInPage({ params, searchParams }: { params: Params; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ eventSlug }, query] = await Promise.all([params, searchParams]);
  const event = await requireSiteEvent(eventSlug);
  const next = siteNextPath(event.slug, query.next);
  if (await getSiteParticipant(event.id)) redirect(next);

  const { t } = await getSiteTranslation(event);
  const initialError = query.error === "link" ? "signIn.errors.linkInvalid" : query.error === "not-registered" ? "signIn.errors.notRegistered" : null;
  return (
    <div className="flex justify-center py-4 sm:py-10">
      <Card className="w-full max-w-sm p-6 sm:p-8">
        <h1 className="text-xl font-semibold tracking-tight">{t("signIn.title", { eventName: event.name })}</h1>
        <p className="mt-1.5 text-sm text-muted-foreground">{t("signIn.subtitle")}</p>
        <SiteSignInForm eventSlug={event.slug} eventName={event.name} next={next} mailboxUrl={localMailboxUrl()} initialError={initialError} />
      </Card>
    </div>
  );
}
