import type { Metadata } from "next";
import { ParticipantsGrid } from "@/components/participants/participants-grid";
import { getTranslation } from "@/lib/i18n/server";
import { DEFAULT_GRID_STATE, gridQueryOf, parseGridState } from "@/lib/participants/grid-state";
import { requireTeamEvent } from "@/lib/queries/events";
import { getParticipantsPage, listParticipantViews } from "@/lib/queries/participants";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslation("participants");
  return { title: t("page.title") };
}

export default async function ParticipantsPage({
  params,
  searchParams,
}: {
  params: Promise<{ eventSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { eventSlug } = await params;
  const event = await requireTeamEvent(eventSlug);
  const { t } = await getTranslation("participants");
  const views = await listParticipantViews(event.id);

  // The URL's grid state (invalid parts fall back to defaults). The server does not know who is connected: with the
  // connected filter, the first page is read with nobody connected and the browser re-reads it after presence syncs.
  const query = await searchParams;
  const serverSearch = new URLSearchParams(
    Object.entries(query).flatMap(([name, value]) => (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((item) => [name, item])),
  ).toString();
  let state = parseGridState(query);
  if (state.viewId && !views.some((view) => view.id === state.viewId)) state = { ...state, viewId: null };
  let page;
  try {
    page = await getParticipantsPage(event.id, gridQueryOf(state, []));
  } catch {
    // A state the database still refuses shows the default grid rather than an error page.
    state = DEFAULT_GRID_STATE;
    page = await getParticipantsPage(event.id, gridQueryOf(state, []));
  }

  return (
    <div className="mx-auto w-full max-w-7xl px-4 py-6 sm:px-6">
      <h1 className="text-xl font-semibold tracking-tight">{t("page.title")}</h1>
      <div className="mt-4">
        <ParticipantsGrid event={{ id: event.id, slug: event.slug, name: event.name }} initialState={state} initialPage={page} initialViews={views} serverSearch={serverSearch} />
      </div>
    </div>
  );
}
