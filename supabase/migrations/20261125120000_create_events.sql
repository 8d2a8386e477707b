-- Events, their back-office team (organizers and translators) and back-office profiles, with the membership helpers
-- every later policy uses.

create extension if not exists pg_trgm with schema extensions;

create table public.events (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 64),
  name text not null check (char_length(btrim(name)) between 1 and 200),
  default_locale text not null default 'en' check (default_locale in ('en', 'fr')),
  created_at timestamptz not null default now()
);
comment on table public.events is 'An event: its site is /e/<slug>. Public: the event site shows its name to anyone.';

create table public.event_members (
  event_id uuid not null references public.events (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null check (role in ('organizer', 'translator')),
  created_at timestamptz not null default now(),
  primary key (event_id, user_id)
);
create index event_members_user_id_idx on public.event_members (user_id, role);
comment on table public.event_members is 'The back-office team of an event: organizers (everything) and translators (translations only).';

create table public.profiles (
  user_id uuid primary key references auth.users (id) on delete cascade,
  display_name text not null check (char_length(btrim(display_name)) between 1 and 100),
  locale text not null default 'en' check (locale in ('en', 'fr')),
  updated_at timestamptz not null default now()
);
comment on table public.profiles is 'Back-office profile. display_name is shown to participants on organizer messages.';

-- Membership helpers: security definer so policies can use them without granting the underlying tables, stable so a
-- policy evaluates them once per statement when wrapped in (select …).
create function private.organizer_event_ids() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select m.event_id from public.event_members m where m.user_id = (select auth.uid()) and m.role = 'organizer'
$$;

create function private.member_event_ids() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select m.event_id from public.event_members m where m.user_id = (select auth.uid())
$$;

create function private.is_organizer(target_event_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.event_members m
    where m.event_id = target_event_id and m.user_id = (select auth.uid()) and m.role = 'organizer'
  )
$$;

revoke execute on all functions in schema private from public, anon;
grant execute on function private.organizer_event_ids(), private.member_event_ids(), private.is_organizer(uuid)
  to authenticated, service_role;

alter table public.events enable row level security;
alter table public.event_members enable row level security;
alter table public.profiles enable row level security;

grant select on public.events to anon, authenticated, service_role;
grant insert, update, delete on public.events to service_role;
grant select on public.event_members to authenticated, service_role;
grant insert, update, delete on public.event_members to service_role;
grant select, insert, update on public.profiles to authenticated;
grant select, insert, update, delete on public.profiles to service_role;

create policy "anyone reads events" on public.events for select to anon, authenticated using (true);

create policy "members read their team" on public.event_members for select to authenticated
  using (user_id = (select auth.uid()) or event_id in (select private.organizer_event_ids()));

create function private.teammate_user_ids() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select other.user_id
  from public.event_members mine
  join public.event_members other on other.event_id = mine.event_id
  where mine.user_id = (select auth.uid())
$$;
revoke execute on function private.teammate_user_ids() from public, anon;
grant execute on function private.teammate_user_ids() to authenticated, service_role;

create policy "users read their own and their teammates' profiles" on public.profiles for select to authenticated
  using (user_id = (select auth.uid()) or user_id in (select private.teammate_user_ids()));
create policy "users create their own profile" on public.profiles for insert to authenticated
  with check (user_id = (select auth.uid()));
create policy "users edit their own profile" on public.profiles for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
