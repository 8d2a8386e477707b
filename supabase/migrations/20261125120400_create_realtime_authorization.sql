-- Who may join which private Realtime topic (RLS on realtime.messages, checked by Realtime at join, broadcast and
-- presence track). Topic names are built in one place in the app: lib/realtime/topics.ts.
--   participant:<participant id>   the participant: their new messages and unread badge
--   event:<event id>:participants  participants of the event: "a broadcast was sent" (they fetch what they received)
--   event:<event id>:inbox         organizers of the event: new messages and read state, for the inbox and badges
--   thread:<thread id>             organizers of the event and the thread's participant: whoever has it open
--   event:<event id>:presence      presence: participants track themselves; only organizers read who is connected

create function private.can_read_topic(topic text, extension text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  parts text[] := pg_catalog.string_to_array(topic, ':');
  uuid_pattern constant text := '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
  me uuid := (select auth.uid());
begin
  if me is null or topic is null then
    return false;
  end if;
  if parts[1] = 'participant' and pg_catalog.array_length(parts, 1) = 2 and parts[2] ~ uuid_pattern then
    return extension = 'broadcast'
      and exists (select 1 from public.participants p where p.id = parts[2]::uuid and p.user_id = me);
  elsif parts[1] = 'thread' and pg_catalog.array_length(parts, 1) = 2 and parts[2] ~ '^[0-9]{1,18}$' then
    return extension = 'broadcast' and exists (
      select 1 from public.threads t
      where t.id = parts[2]::bigint
        and (t.event_id in (select private.organizer_event_ids())
             or t.participant_id in (select p.id from public.participants p where p.user_id = me)));
  elsif parts[1] = 'event' and pg_catalog.array_length(parts, 1) = 3 and parts[2] ~ uuid_pattern then
    if parts[3] = 'inbox' then
      return extension = 'broadcast' and private.is_organizer(parts[2]::uuid);
    elsif parts[3] = 'participants' then
      return extension = 'broadcast'
        and exists (select 1 from public.participants p where p.event_id = parts[2]::uuid and p.user_id = me);
    elsif parts[3] = 'presence' then
      -- Participants may join (nothing is ever broadcast there) but not see who else is connected.
      return (extension = 'presence' and private.is_organizer(parts[2]::uuid))
        or (extension = 'broadcast' and (private.is_organizer(parts[2]::uuid) or exists (
              select 1 from public.participants p where p.event_id = parts[2]::uuid and p.user_id = me)));
    end if;
  end if;
  return false;
end;
$$;

create function private.can_write_topic(topic text, extension text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  parts text[] := pg_catalog.string_to_array(topic, ':');
  me uuid := (select auth.uid());
begin
  -- Clients never broadcast: messages go out from the database write path. The only client write is a participant
  -- tracking their own presence on their event.
  return me is not null and extension = 'presence' and pg_catalog.array_length(parts, 1) = 3
    and parts[1] = 'event' and parts[3] = 'presence'
    and parts[2] ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
    and exists (select 1 from public.participants p where p.event_id = parts[2]::uuid and p.user_id = me);
end;
$$;

revoke execute on function private.can_read_topic(text, text), private.can_write_topic(text, text) from public, anon;
grant execute on function private.can_read_topic(text, text), private.can_write_topic(text, text) to authenticated;

create policy "members read their private topics" on realtime.messages for select to authenticated
  using (private.can_read_topic((select realtime.topic()), extension));

create policy "participants track their presence" on realtime.messages for insert to authenticated
  with check (private.can_write_topic((select realtime.topic()), extension));
