-- Found by the reliability suite (tests/reliability/offline.test.ts): the Realtime payload of a new message carried the
-- id of the realtime.messages row (a uuid) in place of the message's own id, so a client could neither tell which
-- messages it had seen nor fetch, after a reconnection, the ones after the last it saw (catch-up), nor merge a live
-- message with the same message fetched over REST. The payload is now exactly the message JSON REST returns
-- (private.message_json) plus the participant id; the realtime row keeps its own uuid.
create or replace function private.notify_message(message jsonb, participant_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
  insert into realtime.messages (id, topic, extension, event, payload, private)
  select gen_random_uuid(), topic, 'broadcast', 'message',
    message || pg_catalog.jsonb_build_object('participant_id', participant_id), true
  from pg_catalog.unnest(array[
    'thread:' || (message ->> 'thread_id'),
    'participant:' || participant_id::text,
    'event:' || (message ->> 'event_id') || ':inbox']) as topic;
end;
$$;

-- Found by the reliability suite (tests/reliability/load.test.ts): two messages of one thread written at the same time
-- (the organizer and the participant, or two organizers) could commit in the opposite order of their ids, so Realtime
-- delivered them out of id order, and a client catching up with "the messages after the last id I saw" could miss the
-- earlier one for good. Message ids now follow commit order within an event:
-- - posts (post_message, contact_organizer) take the event's message lock in shared mode (they run concurrently) and
--   lock their thread row (one writer per thread);
-- - SEND NOW takes it in exclusive mode: it waits for the posts in flight, and posts of that event wait for it (about a
--   second at 100,000 recipients); two sends of one event run one after the other.
-- A transaction-scoped advisory lock on the event: no table row is written for it; hash collisions between events only
-- make them wait for each other.
create function private.lock_event_messages(target_event_id uuid, exclusive boolean) returns void
language plpgsql volatile set search_path = '' as $$
begin
  if exclusive then
    perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('messages:' || target_event_id::text, 0));
  else
    perform pg_catalog.pg_advisory_xact_lock_shared(pg_catalog.hashtextextended('messages:' || target_event_id::text, 0));
  end if;
end;
$$;
revoke execute on function private.lock_event_messages(uuid, boolean) from public, anon, authenticated;

create or replace function private.insert_message(thread public.threads, side text, body text, client_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
#variable_conflict use_column
declare
  message public.messages;
begin
  perform private.lock_event_messages(thread.event_id, false);
  -- One writer per thread at a time: the next message of the thread takes its id after this one commits.
  perform 1 from public.threads t where t.id = thread.id for no key update;
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

create or replace function public.contact_organizer(target_event_id uuid, body text, client_id uuid default null) returns jsonb
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
  -- Before creating the thread: a broadcast (exclusive lock) may be creating it too.
  perform private.lock_event_messages(target_event_id, false);
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

create or replace function public.send_broadcast(target_event_id uuid, body text, audience jsonb, idempotency_key uuid)
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
  perform private.lock_event_messages(target_event_id, true);
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
