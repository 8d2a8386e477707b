-- Conversations between an event's organizer team and its participants: one organizer thread per participant,
-- messages, and broadcasts (one message to many participants).
--
-- Designed for SEND NOW to 100,000 participants in one statement:
-- - bigint identity keys (append-only indexes);
-- - a broadcast's text is stored once, in broadcasts.body; its messages reference it (body null);
-- - threads and messages have no foreign keys: measured here, the per-row key-share locks of foreign-key checks cost
--   about 17 µs per thread and 8 µs per message (0.9 s of a 100,000-recipient send). Rows are only written by the
--   security-definer functions of the next migrations, which take the ids from the rows they reference in the same
--   statement; deletes cascade through the statement-level triggers below;
-- - no per-thread "last activity" column to update for every recipient: the inbox orders threads by their newest
--   message, walking messages_event_id_idx (see organizer_inbox()).

create table public.threads (
  id bigint generated always as identity primary key,
  event_id uuid not null,
  participant_id uuid not null unique,
  started_by text not null check (started_by in ('organizer', 'participant')),
  created_at timestamptz not null default now(),
  organizer_read_at timestamptz,
  participant_read_at timestamptz
);
comment on table public.threads is 'The organizer conversation of a participant (one per participant; the whole organizer team shares it). *_read_at: read state per side.';
create index threads_event_id_idx on public.threads (event_id);

create table public.broadcasts (
  id bigint generated always as identity primary key,
  event_id uuid not null references public.events (id) on delete cascade,
  sender_user_id uuid,
  body text not null check (char_length(body) between 1 and 4000 and body !~ '^\s*$'),
  audience jsonb not null,
  recipient_count integer not null check (recipient_count >= 0),
  idempotency_key uuid not null,
  created_at timestamptz not null default now(),
  unique (event_id, idempotency_key)
);
comment on table public.broadcasts is 'One SEND NOW: its text, the audience definition the pop-in showed, and the number of messages it created.';

create table public.messages (
  id bigint generated always as identity primary key,
  thread_id bigint not null,
  event_id uuid not null,
  author_side text not null check (author_side in ('organizer', 'participant')),
  author_user_id uuid,
  body text check (char_length(body) between 1 and 4000 and body !~ '^\s*$'),
  broadcast_id bigint,
  client_id uuid,
  created_at timestamptz not null default now(),
  check (body is not null or broadcast_id is not null)
);
comment on table public.messages is 'A message in a thread. Broadcast messages keep their text in broadcasts.body. client_id makes a send idempotent.';
create index messages_thread_id_idx on public.messages (thread_id, id);
create index messages_event_id_idx on public.messages (event_id, id);
create unique index messages_client_id_key on public.messages (thread_id, client_id) where client_id is not null;

-- Cascades in place of foreign keys (see above), set-based.
create function private.delete_threads_of_deleted_participants() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  delete from public.threads t using deleted_participants d where t.participant_id = d.id;
  return null;
end;
$$;
create trigger participants_cascade_threads after delete on public.participants
  referencing old table as deleted_participants
  for each statement execute function private.delete_threads_of_deleted_participants();

create function private.delete_messages_of_deleted_threads() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  delete from public.messages m using deleted_threads d where m.thread_id = d.id;
  return null;
end;
$$;
create trigger threads_cascade_messages after delete on public.threads
  referencing old table as deleted_threads
  for each statement execute function private.delete_messages_of_deleted_threads();

create function private.delete_messages_of_deleted_broadcasts() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  delete from public.messages m using deleted_broadcasts d where m.broadcast_id = d.id;
  return null;
end;
$$;
create trigger broadcasts_cascade_messages after delete on public.broadcasts
  referencing old table as deleted_broadcasts
  for each statement execute function private.delete_messages_of_deleted_broadcasts();

revoke execute on function private.delete_threads_of_deleted_participants(), private.delete_messages_of_deleted_threads(),
  private.delete_messages_of_deleted_broadcasts() from public, anon, authenticated;

create function private.participant_thread_ids() returns setof bigint
language sql stable security definer set search_path = '' as $$
  select t.id from public.threads t
  where t.participant_id in (select p.id from public.participants p where p.user_id = (select auth.uid()))
$$;

create function private.received_broadcast_ids() returns setof bigint
language sql stable security definer set search_path = '' as $$
  select distinct m.broadcast_id from public.messages m
  where m.broadcast_id is not null
    and m.thread_id in (
      select t.id from public.threads t
      where t.participant_id in (select p.id from public.participants p where p.user_id = (select auth.uid()))
    )
$$;
revoke execute on function private.participant_thread_ids(), private.received_broadcast_ids() from public, anon;
grant execute on function private.participant_thread_ids(), private.received_broadcast_ids() to authenticated, service_role;

alter table public.threads enable row level security;
alter table public.broadcasts enable row level security;
alter table public.messages enable row level security;

-- Reads only: every write goes through the messaging functions (send_broadcast, post_message, contact_organizer,
-- mark_thread_read), which check the caller and keep threads, messages and notifications consistent.
grant select on public.threads, public.messages to authenticated, service_role;
-- The audience (participant ids, filters) stays with the functions; participants read the text of what they received.
grant select (id, event_id, sender_user_id, body, recipient_count, created_at) on public.broadcasts to authenticated;
grant select on public.broadcasts to service_role;

create policy "organizers and the participant read a thread" on public.threads for select to authenticated
  using (event_id in (select private.organizer_event_ids()) or id in (select private.participant_thread_ids()));

create policy "organizers and the participant read a thread's messages" on public.messages for select to authenticated
  using (event_id in (select private.organizer_event_ids()) or thread_id in (select private.participant_thread_ids()));

create policy "organizers and recipients read a broadcast" on public.broadcasts for select to authenticated
  using (event_id in (select private.organizer_event_ids()) or id in (select private.received_broadcast_ids()));

-- What a conversation shows: each message with its text and, for organizer messages, the author's current display
-- name (editing the profile renames past messages too). security_invoker: the caller's RLS applies to every table.
create view public.conversation_messages with (security_invoker = true) as
select
  m.id,
  m.thread_id,
  m.event_id,
  m.author_side,
  m.author_user_id,
  case when m.author_side = 'organizer' then p.display_name end as author_name,
  coalesce(m.body, b.body) as body,
  m.broadcast_id,
  m.client_id,
  m.created_at
from public.messages m
left join public.broadcasts b on b.id = m.broadcast_id
left join public.profiles p on p.user_id = m.author_user_id;
grant select on public.conversation_messages to authenticated, service_role;
