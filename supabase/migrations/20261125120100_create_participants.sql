-- Participants of an event (the grid's rows) and the grid's saved views, shared by the event's organizers.

create table public.participants (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references public.events (id) on delete cascade,
  user_id uuid references auth.users (id) on delete set null,
  first_name text not null check (char_length(first_name) between 1 and 100),
  last_name text not null check (char_length(last_name) between 1 and 100),
  email text not null check (email = lower(email) and char_length(email) between 3 and 320 and position('@' in email) > 1),
  company text check (char_length(company) <= 200),
  job_title text check (char_length(job_title) <= 200),
  registered_at timestamptz not null default now(),
  -- What the grid's search matches (names, email, company, job title), lower-cased, for the trigram index.
  search_text text generated always as (
    lower(first_name || ' ' || last_name || ' ' || email || ' ' || coalesce(company, '') || ' ' || coalesce(job_title, ''))
  ) stored,
  unique (event_id, email),
  unique (event_id, user_id)
);
comment on table public.participants is 'A registered participant. user_id links the event-site account, set at first sign-in with the registered email.';
create index participants_user_id_idx on public.participants (user_id) where user_id is not null;
create index participants_search_idx on public.participants using gin (search_text extensions.gin_trgm_ops);
-- Sort orders the grid offers, each ending in id so pages are stable.
create index participants_event_last_name_idx on public.participants (event_id, last_name, first_name, id);
create index participants_event_first_name_idx on public.participants (event_id, first_name, last_name, id);
create index participants_event_email_idx on public.participants (event_id, email, id);
create index participants_event_company_idx on public.participants (event_id, company, id);
create index participants_event_job_title_idx on public.participants (event_id, job_title, id);
create index participants_event_registered_at_idx on public.participants (event_id, registered_at, id);

create table public.participant_views (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references public.events (id) on delete cascade,
  name text not null check (char_length(btrim(name)) between 1 and 100),
  definition jsonb not null check (jsonb_typeof(definition) = 'object'),
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (event_id, name)
);
comment on table public.participant_views is 'A saved grid state (filters, search, sort, columns), shared by the event''s organizers.';

create function private.participant_ids() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select p.id from public.participants p where p.user_id = (select auth.uid())
$$;

create function private.participant_event_ids() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select p.event_id from public.participants p where p.user_id = (select auth.uid())
$$;

-- Organizers of the events the caller takes part in: participants see their display names on organizer messages.
create function private.my_organizers_user_ids() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select m.user_id
  from public.participants p
  join public.event_members m on m.event_id = p.event_id and m.role = 'organizer'
  where p.user_id = (select auth.uid())
$$;

revoke execute on function private.participant_ids(), private.participant_event_ids(), private.my_organizers_user_ids()
  from public, anon;
grant execute on function private.participant_ids(), private.participant_event_ids(), private.my_organizers_user_ids()
  to authenticated, service_role;

alter table public.participants enable row level security;
alter table public.participant_views enable row level security;

grant select, delete on public.participants to authenticated;
-- user_id is never written through the API: the account link is made at first sign-in by link_participant_account(),
-- which checks the registered email. event_id is set once: a participant never changes event (threads keep it).
grant insert (id, event_id, first_name, last_name, email, company, job_title, registered_at) on public.participants to authenticated;
grant update (first_name, last_name, email, company, job_title, registered_at) on public.participants to authenticated;
grant select, insert, update, delete on public.participants to service_role;
grant select, insert, delete on public.participant_views to authenticated;
grant update (name, definition, updated_at) on public.participant_views to authenticated;
grant select, insert, update, delete on public.participant_views to service_role;

create policy "organizers and the participant read a participant" on public.participants for select to authenticated
  using (event_id in (select private.organizer_event_ids()) or user_id = (select auth.uid()));
create policy "organizers add participants" on public.participants for insert to authenticated
  with check (event_id in (select private.organizer_event_ids()));
create policy "organizers edit participants" on public.participants for update to authenticated
  using (event_id in (select private.organizer_event_ids()))
  with check (event_id in (select private.organizer_event_ids()));
create policy "organizers remove participants" on public.participants for delete to authenticated
  using (event_id in (select private.organizer_event_ids()));

create policy "organizers read views" on public.participant_views for select to authenticated
  using (event_id in (select private.organizer_event_ids()));
create policy "organizers save views" on public.participant_views for insert to authenticated
  with check (event_id in (select private.organizer_event_ids()) and created_by = (select auth.uid()));
create policy "organizers edit views" on public.participant_views for update to authenticated
  using (event_id in (select private.organizer_event_ids()))
  with check (event_id in (select private.organizer_event_ids()));
create policy "organizers delete views" on public.participant_views for delete to authenticated
  using (event_id in (select private.organizer_event_ids()));

create policy "participants read their organizers' profiles" on public.profiles for select to authenticated
  using (user_id in (select private.my_organizers_user_ids()));
