import type { Metadata } from "next";
import { TranslationTool } from "@/components/translations/translation-tool";
import { cellId, type OverrideState } from "@/components/translations/override-state";
import { getTranslation } from "@/lib/i18n/server";
import { requireTeamEvent } from "@/lib/queries/events";
import { getEventOverrides } from "@/lib/queries/translations";
import { defaultText, translationCatalog } from "@/lib/translations/catalog";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslation("translations");
  return { title: t("title") };
}

/** The translation tool (organizers and translators of the event): the event site's texts and this event's overrides. */
export default async function TranslationsPage({ params }: { params: Promise<{ eventSlug: string }> }) {
  const { eventSlug } = await params;
  const event = await requireTeamEvent(eventSlug, ["organizer", "translator"]);
  const [overrides, { t }] = await Promise.all([getEventOverrides(event.id), getTranslation("translations")]);
  const initialOverrides: Record<string, OverrideState> = Object.fromEntries(
    overrides
      // An override of a key the site no longer has is not shown (nor counted).
      .filter((row) => defaultText(row.key, row.locale) !== undefined)
      .map((row) => [cellId(row.locale, row.key), { value: row.value, updatedAt: row.updatedAt, updatedBy: row.updatedBy, pending: false }]),
  );
  return (
    <div className="mx-auto max-w-6xl px-4 py-6 sm:px-6 lg:py-8">
      <header className="mb-5">
        <h1 className="text-xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-0.5 text-sm text-muted-foreground">{t("subtitle", { event: event.name })}</p>
      </header>
      <TranslationTool eventSlug={event.slug} entries={translationCatalog()} initialOverrides={initialOverrides} />
    </div>
  );
}
