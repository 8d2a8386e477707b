-- Participant identity only through a proved address (issue 16, finding 1).
--
-- Before: link_participant_account linked the caller to the participant whose email equalled the token's `email`
-- claim, and every participant check trusted auth.uid() alone. With sign-up open, an attacker who signed up with a
-- registered participant's address (or changed their own address to it) was linked and read that participant's
-- messages.
--
-- Now:
-- 1. A participant's rights need a session that proved control of the account's email: its access token's `amr`
--    claim (GoTrue: an array of {method, timestamp}, kept across refreshes) names an email method — a code or link sent
--    to the address (otp, magiclink), a sign-up, invite or recovery confirmation, or an email change confirmation. A
--    password session never carries participant rights, even on the right account: with sign-up on (a participant's
--    first sign-in by code creates their account), an attacker can sign up with a victim's address and a password
--    before the victim ever signs in; once the victim confirms the address by code, the attacker's password opens the
--    same account ("pre-account takeover"). Organizer and translator rights are unchanged (they sign in by password).
--    One helper, private.participant_user_id(), says who the participant is; every participant check uses it.
-- 2. link_participant_account trusts auth.users, not the token: the account's address must be confirmed, be the one
--    the token names, and equal the participant's registered email; and the session must be email-proven (1).
--
-- Phone sign-in is off in this project (a phone code is also recorded as "otp"); turning it on would need a
-- stricter test here.

create function private.participant_user_id() returns uuid
language sql stable security definer set search_path = '' as $$
  select (select auth.uid())
  where exists (
    select 1
    from pg_catalog.jsonb_array_elements(
      case when pg_catalog.jsonb_typeof((select auth.jwt()) -> 'amr') = 'array' then (select auth.jwt()) -> 'amr' end
    ) as claim (entry)
    -- {method, timestamp} objects (GoTrue); bare strings (RFC 8176 style) are read the same way.
    where coalesce(claim.entry ->> 'method', claim.entry #>> '{}')
      in ('otp', 'magiclink', 'email/signup', 'invite', 'recovery', 'email_change')
  )
$$;
comment on function private.participant_user_id() is
  'The caller''s user id when their session proved control of the account''s email (amr: otp, magiclink, email/signup, invite, recovery, email_change), else null. The only source of participant identity.';
revoke execute on function private.participant_user_id() from public, anon;
grant execute on function private.participant_user_id() to authenticated, service_role;

-- ---- membership helpers (create or replace keeps their grants) -----------------------------------------------------

create or replace function private.participant_ids() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select p.id from public.participants p where p.user_id = (select private.participant_user_id())
$$;

create or replace function private.participant_event_ids() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select p.event_id from public.participants p where p.user_id = (select private.participant_user_id())
$$;

create or replace function private.my_organizers_user_ids() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select m.user_id
  from public.participants p
  join public.event_members m on m.event_id = p.event_id and m.role = 'organizer'
  where p.user_id = (select private.participant_user_id())
$$;

create or replace function private.participant_thread_ids() returns setof bigint
language sql stable security definer set search_path = '' as $$
  select t.id from public.threads t
  where t.participant_id in (select p.id from public.participants p where p.user_id = (select private.participant_user_id()))
$$;

create or replace function private.received_broadcast_ids() returns setof bigint
language sql stable security definer set search_path = '' as $$
  select distinct m.broadcast_id from public.messages m
  where m.broadcast_id is not null
    and m.thread_id in (
      select t.id from public.threads t
      where t.participant_id in (select p.id from public.participants p where p.user_id = (select private.participant_user_id()))
    )
$$;

-- ---- policies ------------------------------------------------------------------------------------------------------

drop policy "organizers and the participant read a participant" on public.participants;
create policy "organizers and the participant read a participant" on public.participants for select to authenticated
  using (event_id in (select private.organizer_event_ids()) or user_id = (select private.participant_user_id()));

-- ---- Realtime topics: the participant branches (organizer branches unchanged) ---------------------------------------

create or replace function private.can_read_topic(topic text, extension text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  parts text[] := pg_catalog.string_to_array(topic, ':');
  uuid_pattern constant text := '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
  me uuid := (select auth.uid());
  participant uuid := (select private.participant_user_id());
begin
  if me is null or topic is null then
    return false;
  end if;
  if parts[1] = 'participant' and pg_catalog.array_length(parts, 1) = 2 and parts[2] ~ uuid_pattern then
    return extension = 'broadcast'
      and exists (select 1 from public.participants p where p.id = parts[2]::uuid and p.user_id = participant);
  elsif parts[1] = 'thread' and pg_catalog.array_length(parts, 1) = 2 and parts[2] ~ '^[1-9][0-9]{0,17}$' then
    return extension = 'broadcast' and exists (
      select 1 from public.threads t
      where t.id = parts[2]::bigint
        and (t.event_id in (select private.organizer_event_ids())
             or t.participant_id in (select p.id from public.participants p where p.user_id = participant)));
  elsif parts[1] = 'event' and pg_catalog.array_length(parts, 1) = 3 and parts[2] ~ uuid_pattern then
    if parts[3] = 'inbox' then
      return extension = 'broadcast' and private.is_organizer(parts[2]::uuid);
    elsif parts[3] = 'participants' then
      return extension = 'broadcast'
        and exists (select 1 from public.participants p where p.event_id = parts[2]::uuid and p.user_id = participant);
    elsif parts[3] = 'presence' then
      -- Participants may join (nothing is ever broadcast there) but not see who else is connected.
      return (extension = 'presence' and private.is_organizer(parts[2]::uuid))
        or (extension = 'broadcast' and (private.is_organizer(parts[2]::uuid) or exists (
              select 1 from public.participants p where p.event_id = parts[2]::uuid and p.user_id = participant)));
    end if;
  end if;
  return false;
end;
$$;

create or replace function private.can_write_topic(topic text, extension text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  parts text[] := pg_catalog.string_to_array(topic, ':');
  participant uuid := (select private.participant_user_id());
begin
  -- Clients never broadcast: messages go out from the database write path. The only client write is a participant
  -- tracking their own presence on their event.
  return participant is not null and extension = 'presence' and pg_catalog.array_length(parts, 1) = 3
    and parts[1] = 'event' and parts[3] = 'presence'
    and parts[2] ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
    and exists (select 1 from public.participants p where p.event_id = parts[2]::uuid and p.user_id = participant);
end;
$$;

-- ---- RPCs that check a participant ----------------------------------------------------------------------------------

create or replace function public.post_message(thread_id bigint, body text, client_id uuid default null) returns jsonb
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
    select 1 from public.participants p
    where p.id = thread.participant_id and p.user_id = (select private.participant_user_id())) then
    side := 'participant';
  else
    raise exception using errcode = 'PT404', message = 'thread_not_found', detail = 'no such conversation for you';
  end if;
  return private.insert_message(thread, side, body, client_id);
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
  where p.event_id = target_event_id and p.user_id = (select private.participant_user_id());
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

create or replace function public.mark_thread_read(thread_id bigint) returns void
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
    select 1 from public.participants p
    where p.id = thread.participant_id and p.user_id = (select private.participant_user_id())) then
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

create or replace function public.participant_unread_count(target_event_id uuid) returns integer
language sql stable security definer set search_path = '' as $$
  select count(*)::integer
  from public.participants p
  join public.threads t on t.participant_id = p.id
  join public.messages m on m.thread_id = t.id
  where p.event_id = target_event_id and p.user_id = (select private.participant_user_id())
    and m.author_side = 'organizer' and (t.participant_read_at is null or m.created_at > t.participant_read_at)
$$;

-- Links the signed-in user to their participant record of an event on first sign-in. Returns the participant id.
-- Refuses (PT403) a session that did not prove the email (email_not_proven), and an account whose confirmed address
-- is not registered for the event (not_registered).
create or replace function public.link_participant_account(target_event_id uuid) returns uuid
language plpgsql volatile security definer set search_path = '' as $$
declare
  linked uuid;
  me uuid := (select auth.uid());
  participant uuid := (select private.participant_user_id());
  proven_email text;
begin
  if me is null then
    raise exception using errcode = 'PT401', message = 'not_signed_in', detail = 'sign in first';
  end if;
  if participant is null then
    raise exception using errcode = 'PT403', message = 'email_not_proven',
      detail = 'sign in with a code or link sent to your email';
  end if;
  select p.id into linked from public.participants p where p.event_id = target_event_id and p.user_id = participant;
  if linked is not null then
    return linked;
  end if;
  -- The account's own address, confirmed, and the one this token was issued for (a token minted before an email change
  -- does not speak for the new address).
  select lower(u.email) into proven_email
  from auth.users u
  where u.id = participant and u.email_confirmed_at is not null
    and lower(u.email) = lower((select auth.jwt()) ->> 'email');
  update public.participants p set user_id = participant
  where p.event_id = target_event_id and p.email = proven_email and p.user_id is null
  returning p.id into linked;
  if linked is null then
    raise exception using errcode = 'PT403', message = 'not_registered', detail = 'this email is not registered for the event';
  end if;
  return linked;
end;
$$;
