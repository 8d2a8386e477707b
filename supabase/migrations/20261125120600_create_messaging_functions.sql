-- Writing messages: SEND NOW (broadcast), posting in a thread (either side), contacting the organizer, marking a thread
-- read; and reading: the organizer inbox and the participant's unread count. Each function checks the caller, writes
-- set-based in its one transaction, and notifies Realtime from the write path (topics: see the realtime authorization
-- migration and lib/realtime/topics.ts). Errors carry a stable code in `message` (the app translates it) and SQLSTATE
-- PTxyz, which PostgREST answers with HTTP status xyz.

create function private.check_body(body text) returns text
language plpgsql immutable set search_path = '' as $$
begin
  if body is null or body ~ '^\s*$' then
    perform private.raise_invalid('message_empty', 'the message is empty');
  end if;
  if pg_catalog.char_length(body) > 4000 then
    perform private.raise_invalid('message_too_long', 'a message has at most 4,000 characters');
  end if;
  return body;
end;
$$;

-- The JSON a client gets for a message (REST and Realtime alike).
create function private.message_json(message public.messages, body text) returns jsonb
language sql stable security definer set search_path = '' as $$
  select pg_catalog.jsonb_build_object(
    'id', message.id,
    'thread_id', message.thread_id,
    'event_id', message.event_id,
    'author_side', message.author_side,
    'author_user_id', message.author_user_id,
    'author_name', case when message.author_side = 'organizer'
      then (select p.display_name from public.profiles p where p.user_id = message.author_user_id) end,
    'body', body,
    'broadcast_id', message.broadcast_id,
    'client_id', message.client_id,
    'created_at', message.created_at)
$$;

-- Notifies everyone concerned by one new message: the thread's viewers, the participant, the event's organizers.
create function private.notify_message(message jsonb, participant_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
  insert into realtime.messages (id, topic, extension, event, payload, private)
  select id, topic, 'broadcast', 'message', message || pg_catalog.jsonb_build_object('id', id, 'participant_id', participant_id), true
  from (
    select gen_random_uuid() as id, topic
    from pg_catalog.unnest(array[
      'thread:' || (message ->> 'thread_id'),
      'participant:' || participant_id::text,
      'event:' || (message ->> 'event_id') || ':inbox']) as topic
  ) t;
end;
$$;

-- SEND NOW: one message per participant of the audience, in their organizer thread (created when missing), as one
-- set-based statement. Idempotent on (event, idempotency key): a retry or a concurrent duplicate returns the first
-- send's result and creates nothing.
create function public.send_broadcast(target_event_id uuid, body text, audience jsonb, idempotency_key uuid)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
#variable_conflict use_column
declare
  broadcast public.broadcasts;
  created integer;
begin
  perform private.require_organizer(target_event_id);
  perform private.check_body(body);
  if idempotency_key is null then
    perform private.raise_invalid('idempotency_key_missing', 'a send needs an idempotency key');
  end if;
  perform private.check_audience(audience);
  insert into public.broadcasts as b (event_id, sender_user_id, body, audience, recipient_count, idempotency_key)
  values (target_event_id, (select auth.uid()), body, audience, 0, send_broadcast.idempotency_key)
  on conflict (event_id, idempotency_key) do nothing
  returning * into broadcast;

  if broadcast.id is null then
    -- Already sent (or being sent: the insert above waited for that transaction to commit).
    select * into broadcast from public.broadcasts b
    where b.event_id = target_event_id and b.idempotency_key = send_broadcast.idempotency_key;
    if broadcast.body <> send_broadcast.body then
      raise exception using errcode = 'PT409', message = 'idempotency_key_reused',
        detail = 'this idempotency key was used for another message';
    end if;
    return pg_catalog.jsonb_build_object('broadcast_id', broadcast.id, 'recipient_count', broadcast.recipient_count,
      'created_at', broadcast.created_at, 'replayed', true);
  end if;

  with recipients as (
    select id from private.audience_participant_ids(target_event_id, audience) as id
  ),
  existing_threads as (
    select t.id from public.threads t join recipients r on t.participant_id = r.id
  ),
  new_threads as (
    insert into public.threads (event_id, participant_id, started_by)
    select target_event_id, r.id, 'organizer' from recipients r
    where not exists (select 1 from public.threads t where t.participant_id = r.id)
    -- A thread created meanwhile by a concurrent transaction: the no-op update returns it, so no recipient is lost.
    on conflict (participant_id) do update set participant_id = excluded.participant_id
    returning id
  )
  insert into public.messages (thread_id, event_id, author_side, author_user_id, broadcast_id, created_at)
  select thread.id, target_event_id, 'organizer', broadcast.sender_user_id, broadcast.id, broadcast.created_at
  from (select id from existing_threads union all select id from new_threads) thread;
  get diagnostics created = row_count;

  update public.broadcasts set recipient_count = created where id = broadcast.id;

  -- One notification per audience, not per recipient: participants of the event are told a broadcast went out and
  -- fetch what they received; the organizers' inbox refreshes.
  perform realtime.send(
    pg_catalog.jsonb_build_object('broadcast_id', broadcast.id, 'created_at', broadcast.created_at),
    'broadcast', 'event:' || target_event_id::text || ':participants', true);
  perform realtime.send(
    pg_catalog.jsonb_build_object('broadcast_id', broadcast.id, 'recipient_count', created, 'created_at', broadcast.created_at),
    'broadcast', 'event:' || target_event_id::text || ':inbox', true);

  return pg_catalog.jsonb_build_object('broadcast_id', broadcast.id, 'recipient_count', created,
    'created_at', broadcast.created_at, 'replayed', false);
end;
$$;

-- Inserts a message into a thread, idempotent on client_id; returns the message JSON (the first one on a retry).
create function private.insert_message(thread public.threads, side text, body text, client_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
#variable_conflict use_column
declare
  message public.messages;
begin
  insert into public.messages (thread_id, event_id, author_side, author_user_id, body, client_id)
  values (thread.id, thread.event_id, side, (select auth.uid()), body, insert_message.client_id)
  on conflict (thread_id, client_id) where client_id is not null do nothing
  returning * into message;
  if message.id is null then
    select * into message from public.messages m where m.thread_id = thread.id and m.client_id = insert_message.client_id;
    if message.author_user_id is distinct from (select auth.uid()) then
      raise exception using errcode = 'PT409', message = 'client_id_reused', detail = 'this client id belongs to another message';
    end if;
    return private.message_json(message, message.body);
  end if;
  perform private.notify_message(private.message_json(message, message.body), thread.participant_id);
  return private.message_json(message, message.body);
end;
$$;

-- Posts in an existing thread: an organizer of its event, or its participant.
create function public.post_message(thread_id bigint, body text, client_id uuid default null) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  thread public.threads;
  side text;
begin
  perform private.check_body(body);
  select * into thread from public.threads t where t.id = post_message.thread_id;
  if thread.id is not null and private.is_organizer(thread.event_id) then
    side := 'organizer';
  elsif thread.id is not null and exists (
    select 1 from public.participants p where p.id = thread.participant_id and p.user_id = (select auth.uid())) then
    side := 'participant';
  else
    raise exception using errcode = 'PT404', message = 'thread_not_found', detail = 'no such conversation for you';
  end if;
  return private.insert_message(thread, side, body, client_id);
end;
$$;

-- A participant writes to the organizer: starts their organizer thread when it does not exist (refused when the
-- event's "Allow participant to contact organizer" option is off), or continues it.
create function public.contact_organizer(target_event_id uuid, body text, client_id uuid default null) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
#variable_conflict use_column
declare
  my_participant_id uuid;
  thread public.threads;
begin
  perform private.check_body(body);
  select p.id into my_participant_id from public.participants p
  where p.event_id = target_event_id and p.user_id = (select auth.uid());
  if my_participant_id is null then
    raise exception using errcode = 'PT403', message = 'not_a_participant', detail = 'only the event''s participants can do this';
  end if;
  select * into thread from public.threads t where t.participant_id = my_participant_id;
  if thread.id is null then
    if not coalesce((select s.allow_contact_organizer from public.site_settings s where s.event_id = target_event_id), true) then
      raise exception using errcode = 'PT403', message = 'contact_organizer_disabled',
        detail = 'the organizer does not accept new conversations';
    end if;
    insert into public.threads (event_id, participant_id, started_by)
    values (target_event_id, my_participant_id, 'participant')
    on conflict (participant_id) do update set participant_id = excluded.participant_id
    returning * into thread;
  end if;
  return private.insert_message(thread, 'participant', body, client_id);
end;
$$;

-- Marks a thread read up to now for the caller's side, and tells the caller's other screens (badges).
create function public.mark_thread_read(thread_id bigint) returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  thread public.threads;
begin
  select * into thread from public.threads t where t.id = mark_thread_read.thread_id;
  if thread.id is not null and private.is_organizer(thread.event_id) then
    update public.threads set organizer_read_at = now() where id = thread.id;
    perform realtime.send(pg_catalog.jsonb_build_object('thread_id', thread.id, 'side', 'organizer'),
      'read', 'event:' || thread.event_id::text || ':inbox', true);
  elsif thread.id is not null and exists (
    select 1 from public.participants p where p.id = thread.participant_id and p.user_id = (select auth.uid())) then
    update public.threads set participant_read_at = now() where id = thread.id;
    perform realtime.send(pg_catalog.jsonb_build_object('thread_id', thread.id, 'side', 'participant'),
      'read', 'participant:' || thread.participant_id::text, true);
    perform realtime.send(pg_catalog.jsonb_build_object('thread_id', thread.id, 'side', 'participant'),
      'read', 'event:' || thread.event_id::text || ':inbox', true);
  else
    raise exception using errcode = 'PT404', message = 'thread_not_found', detail = 'no such conversation for you';
  end if;
end;
$$;

-- The organizers' inbox: conversations of the event, newest activity first (by their newest message), with the
-- participant, a preview and the unread state. Keyset pagination: pass the last row's last_message_id as `before`.
create function public.organizer_inbox(target_event_id uuid, search text default null, unread_only boolean default false,
  before bigint default null, page_size integer default 30)
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
    m.author_side = 'participant' and (t.organizer_read_at is null or t.organizer_read_at < m.created_at)
  from public.messages m
  join public.threads t on t.id = m.thread_id
  join public.participants p on p.id = t.participant_id
  left join public.broadcasts b on b.id = m.broadcast_id
  where m.event_id = target_event_id
    and (before is null or m.id < before)
    -- m is its thread's newest message
    and not exists (select 1 from public.messages newer where newer.thread_id = m.thread_id and newer.id > m.id)
    and (term is null or p.search_text like '%' || private.like_escape(term) || '%')
    and (not unread_only or (m.author_side = 'participant' and (t.organizer_read_at is null or t.organizer_read_at < m.created_at)))
  order by m.id desc
  limit page_size;
end;
$$;

-- The signed-in participant's unread organizer messages in an event (the site header's badge).
create function public.participant_unread_count(target_event_id uuid) returns integer
language sql stable security definer set search_path = '' as $$
  select count(*)::integer
  from public.participants p
  join public.threads t on t.participant_id = p.id
  join public.messages m on m.thread_id = t.id
  where p.event_id = target_event_id and p.user_id = (select auth.uid())
    and m.author_side = 'organizer' and (t.participant_read_at is null or m.created_at > t.participant_read_at)
$$;

-- Links the signed-in user to their participant record of an event on first sign-in, by the email they registered
-- with. Returns the participant id; refuses an email that is not registered for the event.
create function public.link_participant_account(target_event_id uuid) returns uuid
language plpgsql volatile security definer set search_path = '' as $$
declare
  linked uuid;
  me uuid := (select auth.uid());
  my_email text := lower((select auth.jwt() ->> 'email'));
begin
  if me is null then
    raise exception using errcode = 'PT401', message = 'not_signed_in', detail = 'sign in first';
  end if;
  select p.id into linked from public.participants p where p.event_id = target_event_id and p.user_id = me;
  if linked is not null then
    return linked;
  end if;
  update public.participants p set user_id = me
  where p.event_id = target_event_id and p.email = my_email and p.user_id is null
  returning p.id into linked;
  if linked is null then
    raise exception using errcode = 'PT403', message = 'not_registered', detail = 'this email is not registered for the event';
  end if;
  return linked;
end;
$$;

revoke execute on function private.check_body(text), private.message_json(public.messages, text),
  private.notify_message(jsonb, uuid), private.insert_message(public.threads, text, text, uuid)
  from public, anon, authenticated;
revoke execute on function public.send_broadcast(uuid, text, jsonb, uuid), public.post_message(bigint, text, uuid),
  public.contact_organizer(uuid, text, uuid), public.mark_thread_read(bigint),
  public.organizer_inbox(uuid, text, boolean, bigint, integer), public.participant_unread_count(uuid),
  public.link_participant_account(uuid) from public, anon;
grant execute on function public.send_broadcast(uuid, text, jsonb, uuid), public.post_message(bigint, text, uuid),
  public.contact_organizer(uuid, text, uuid), public.mark_thread_read(bigint),
  public.organizer_inbox(uuid, text, boolean, bigint, integer), public.participant_unread_count(uuid),
  public.link_participant_account(uuid) to authenticated;
