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
