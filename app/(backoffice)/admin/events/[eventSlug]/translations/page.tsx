import type { Metadata } from "next";
import { LanguagesIcon } from "@/components/backoffice/icons";
import { Card } from "@/components/ui/card";
import { getTranslation } from "@/lib/i18n/server";
import { requireTeamEvent } from "@/lib/queries/events";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslation("shell");
  return { title: t("translations.title") };
}

/** The translation tool's place: an empty state until it lands. */
export default async function TranslationsPage({ params }: { params: Promise<{ eventSlug: string }> }) {
  const { eventSlug } = await params;
  await requireTeamEvent(eventSlug, ["organizer", "translator"]);
  const { t } = await getTranslation("shell");
  return (
    <div className="mx-auto max-w-4xl px-4 py-6 sm:px-6 lg:py-8">
      <h1 className="text-xl font-semibold tracking-tight">{t("translations.title")}</h1>
      <Card className="mt-5 flex flex-col items-center px-6 py-14 text-center">
        <span aria-hidden className="grid size-11 place-items-center rounded-full bg-muted text-muted-foreground">
          <LanguagesIcon className="size-5" />
        </span>
        <p className="mt-4 font-medium">{t("translations.comingTitle")}</p>
        <p className="mt-1 max-w-md text-sm text-muted-foreground">{t("translations.comingBody")}</p>
      </Card>
    </div>
  );
}
