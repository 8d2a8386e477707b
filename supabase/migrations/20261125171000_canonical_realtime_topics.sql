-- Realtime topics are authorized only under their canonical spelling, the one lib/realtime/topics.ts builds.
-- "thread:01" (a leading zero) was authorized like "thread:1": the id matched ^[0-9]{1,18}$ and was compared after a
-- cast to bigint. Nothing is ever sent on a non-canonical topic, so nothing leaked, but the policy should not accept
-- names the app never uses. A thread id is now a decimal without leading zero (^[1-9][0-9]{0,17}$: no sign, space,
-- leading zero, fraction or exponent; 18 digits always fit a bigint, so the cast reads back the same text). Uuids were
-- already canonical: lowercase, hyphenated, exactly 36 characters.
-- Only can_read_topic changes (can_write_topic names no thread); create or replace keeps the grants of 20261125120400.

create or replace function private.can_read_topic(topic text, extension text) returns boolean
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
  elsif parts[1] = 'thread' and pg_catalog.array_length(parts, 1) = 2 and parts[2] ~ '^[1-9][0-9]{0,17}$' then
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
