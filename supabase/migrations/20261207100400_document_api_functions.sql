-- Every security-definer function the API roles may call is deliberate (issue 16, "Supabase's advisors"). A security
-- definer function bypasses RLS, so each of these checks its caller itself; the grants below restate the existing
-- ones (no privilege changes) beside the reason. tests/database/api-functions.test.ts fails when a security-definer
-- function in public becomes executable by anon or authenticated without such a comment.
--
-- The private.* helpers granted to authenticated (organizer_event_ids, participant_thread_ids, can_read_topic …) are
-- not reachable through the API (schema private is not exposed); authenticated executes them because RLS policies run
-- as the caller.

-- Anyone (anon): what the event-site sign-in form must tell the person typing an email, and nothing more.
grant execute on function public.site_sign_in_allowed(uuid, text) to anon, authenticated;
comment on function public.site_sign_in_allowed(uuid, text) is
  'API (anon, authenticated), deliberate: event-site sign-in: is this exact email registered for the event? Tells one email, lists nothing.';

-- Organizers of the event (private.require_organizer / is_organizer first; PT403 or PT404 otherwise).
grant execute on function public.participants_grid(uuid, jsonb), public.count_audience(uuid, jsonb),
  public.send_broadcast(uuid, text, jsonb, uuid), public.organizer_inbox(uuid, text, boolean, bigint, integer),
  public.organizer_unread_count(uuid), public.start_conversation(uuid, text, uuid) to authenticated;
comment on function public.participants_grid(uuid, jsonb) is
  'API (authenticated), deliberate: the participants grid; organizers of the event only (require_organizer).';
comment on function public.count_audience(uuid, jsonb) is
  'API (authenticated), deliberate: the message pop-in''s recipient count; organizers of the event only.';
comment on function public.send_broadcast(uuid, text, jsonb, uuid) is
  'API (authenticated), deliberate: SEND NOW, set-based and idempotent per key; organizers of the event only.';
comment on function public.organizer_inbox(uuid, text, boolean, bigint, integer) is
  'API (authenticated), deliberate: the organizers'' inbox; organizers of the event only.';
comment on function public.organizer_unread_count(uuid) is
  'API (authenticated), deliberate: the back-office badge; organizers of the event only.';
comment on function public.start_conversation(uuid, text, uuid) is
  'API (authenticated), deliberate: an organizer writes to a participant; organizers of the participant''s event only (else PT404).';

-- Either side of a conversation: the event's organizers, or its participant in an email-proven session.
grant execute on function public.post_message(bigint, text, uuid), public.mark_thread_read(bigint) to authenticated;
comment on function public.post_message(bigint, text, uuid) is
  'API (authenticated), deliberate: posts in a thread; its event''s organizers or its participant (email-proven session), else PT404. Participants: 20 messages a minute per conversation (PT429).';
comment on function public.mark_thread_read(bigint) is
  'API (authenticated), deliberate: marks a thread read for the caller''s side; its event''s organizers or its participant, else PT404.';

-- The participant themself (private.participant_user_id(): an email-proven session).
grant execute on function public.contact_organizer(uuid, text, uuid), public.participant_unread_count(uuid),
  public.link_participant_account(uuid) to authenticated;
comment on function public.contact_organizer(uuid, text, uuid) is
  'API (authenticated), deliberate: a participant writes to the organizers; the event''s participants (email-proven session) only, else PT403. 20 messages a minute per conversation (PT429).';
comment on function public.participant_unread_count(uuid) is
  'API (authenticated), deliberate: the site''s unread badge; counts only the caller''s own conversation (email-proven session), else 0.';
comment on function public.link_participant_account(uuid) is
  'API (authenticated), deliberate: links the caller to the participant registered with their confirmed address, in an email-proven session only.';
