-- What the event site shows publicly besides the event name: its settings (header menu and its options) and the
-- event's translation overrides.

create table public.site_settings (
  event_id uuid primary key references public.events (id) on delete cascade,
  allow_contact_organizer boolean not null default true,
  header_menu jsonb not null default '[]'::jsonb check (jsonb_typeof(header_menu) = 'array'),
  updated_by uuid default auth.uid(),
  updated_at timestamptz not null default now()
);
comment on table public.site_settings is 'Event-site settings edited in the CMS. No row means the defaults (contact the organizer allowed).';

create table public.translation_overrides (
  event_id uuid not null references public.events (id) on delete cascade,
  locale text not null check (locale in ('en', 'fr')),
  key text not null check (key ~ '^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$' and char_length(key) <= 200),
  value text not null check (char_length(value) <= 4000),
  updated_by uuid default auth.uid(),
  updated_at timestamptz not null default now(),
  primary key (event_id, locale, key)
);
comment on table public.translation_overrides is 'An event''s replacement for a UI text in one locale, e.g. companion.trad.discussionthreads.participant.organizer.';

alter table public.site_settings enable row level security;
alter table public.translation_overrides enable row level security;

-- Who changed a setting or a text is for the back-office (the translation tool shows it), not for anonymous visitors.
grant select (event_id, allow_contact_organizer, header_menu, updated_at) on public.site_settings to anon;
grant select (event_id, locale, key, value, updated_at) on public.translation_overrides to anon;
grant select on public.site_settings, public.translation_overrides to authenticated, service_role;
grant insert, update on public.site_settings to authenticated;
grant insert, update, delete on public.translation_overrides to authenticated;
grant insert, update, delete on public.site_settings, public.translation_overrides to service_role;

create policy "anyone reads site settings" on public.site_settings for select to anon, authenticated using (true);
create policy "organizers create site settings" on public.site_settings for insert to authenticated
  with check (event_id in (select private.organizer_event_ids()));
create policy "organizers edit site settings" on public.site_settings for update to authenticated
  using (event_id in (select private.organizer_event_ids()))
  with check (event_id in (select private.organizer_event_ids()));

create policy "anyone reads translation overrides" on public.translation_overrides for select to anon, authenticated
  using (true);
create policy "team members add overrides" on public.translation_overrides for insert to authenticated
  with check (event_id in (select private.member_event_ids()));
create policy "team members edit overrides" on public.translation_overrides for update to authenticated
  using (event_id in (select private.member_event_ids()))
  with check (event_id in (select private.member_event_ids()));
create policy "team members remove overrides" on public.translation_overrides for delete to authenticated
  using (event_id in (select private.member_event_ids()));

-- updated_by and updated_at always tell who made the change and when: set here, whatever the client sends.
create function private.stamp_update() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  new.updated_by := (select auth.uid());
  new.updated_at := now();
  return new;
end;
$$;
revoke execute on function private.stamp_update() from public, anon, authenticated;
create trigger site_settings_stamp before insert or update on public.site_settings
  for each row execute function private.stamp_update();
create trigger translation_overrides_stamp before insert or update on public.translation_overrides
  for each row execute function private.stamp_update();
