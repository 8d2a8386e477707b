-- The organizers' side of a conversation: the first reply to a participant who has no conversation yet, the unread
-- badge of the back-office navigation, and one unread rule for the inbox and the badge.
--
-- Unread, for the organizers: a thread has a participant message newer than organizer_read_at. (The inbox used to
-- look only at the newest message, so a participant's question followed by a broadcast looked read.)

-- Participant messages of an event, for the unread count and the inbox's unread state: few next to broadcast messages.
create index messages_participant_side_idx on public.messages (event_id, thread_id, created_at)
  where author_side = 'participant';

create function private.organizer_unread(thread public.threads) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.messages m
    where m.event_id = thread.event_id and m.thread_id = thread.id and m.author_side = 'participant'
      and (thread.organizer_read_at is null or m.created_at > thread.organizer_read_at))
$$;

-- An organizer writes to a participant: continues their organizer thread, or starts it when there is none. Returns the
-- message JSON; idempotent on client_id (a retry returns the first message). Only organizers of the participant's
-- event; anyone else gets PT404 participant_not_found (whether the participant exists is not told).
create function public.start_conversation(target_participant_id uuid, body text, client_id uuid default null)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  participant public.participants;
  thread public.threads;
begin
  perform private.check_body(body);
  select * into participant from public.participants p where p.id = target_participant_id;
  if participant.id is null or (select auth.uid()) is null or not private.is_organizer(participant.event_id) then
    raise exception using errcode = 'PT404', message = 'participant_not_found', detail = 'no such participant for you';
  end if;
  select * into thread from public.threads t where t.participant_id = participant.id;
  if thread.id is null then
    insert into public.threads (event_id, participant_id, started_by)
    values (participant.event_id, participant.id, 'organizer')
    -- Created meanwhile (a broadcast, the participant, another organizer): the no-op update returns it.
    on conflict (participant_id) do update set participant_id = excluded.participant_id
    returning * into thread;
  end if;
  return private.insert_message(thread, 'organizer', body, client_id);
end;
$$;

-- The back-office navigation's badge: conversations of the event with participant messages no organizer has read.
create function public.organizer_unread_count(target_event_id uuid) returns integer
language plpgsql stable security definer set search_path = '' as $$
begin
  perform private.require_organizer(target_event_id);
  return (
    select count(distinct m.thread_id)::integer
    from public.messages m
    join public.threads t on t.id = m.thread_id
    where m.event_id = target_event_id and m.author_side = 'participant'
      and (t.organizer_read_at is null or m.created_at > t.organizer_read_at));
end;
$$;

-- The inbox, as before, with the unread rule above.
create or replace function public.organizer_inbox(target_event_id uuid, search text default null,
  unread_only boolean default false, before bigint default null, page_size integer default 30)
returns table (thread_id bigint, participant_id uuid, first_name text, last_name text, email text,
  last_message_id bigint, last_message_at timestamptz, last_message_side text, preview text, unread boolean)
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
declare
  term text := lower(pg_catalog.btrim(search));
begin
  perform private.require_organizer(target_event_id);
  if page_size < 1 or page_size > 200 then
    perform private.raise_invalid('invalid_page', '1 ≤ page_size ≤ 200');
  end if;
  if term = '' then term := null; end if;
  if term is not null and pg_catalog.char_length(term) > 200 then
    perform private.raise_invalid('search_too_long', 'the search term has more than 200 characters');
  end if;
  return query
  select t.id, p.id, p.first_name, p.last_name, p.email, m.id, m.created_at, m.author_side,
    pg_catalog.left(coalesce(m.body, b.body), 140),
    private.organizer_unread(t)
  from public.messages m
  join public.threads t on t.id = m.thread_id
  join public.participants p on p.id = t.participant_id
  left join public.broadcasts b on b.id = m.broadcast_id
  where m.event_id = target_event_id
    and (before is null or m.id < before)
    -- m is its thread's newest message
    and not exists (select 1 from public.messages newer where newer.thread_id = m.thread_id and newer.id > m.id)
    and (term is null or p.search_text like '%' || private.like_escape(term) || '%')
    and (not unread_only or private.organizer_unread(t))
  order by m.id desc
  limit page_size;
end;
$$;

revoke execute on function private.organizer_unread(public.threads) from public, anon, authenticated;
revoke execute on function public.start_conversation(uuid, text, uuid), public.organizer_unread_count(uuid)
  from public, anon;
grant execute on function public.start_conversation(uuid, text, uuid), public.organizer_unread_count(uuid)
  to authenticated;
