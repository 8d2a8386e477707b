-- The event site's sign-in: before emailing a one-time code (which creates the auth account of a first-time
-- participant), the site asks whether the email is registered for the event, so that an unregistered email gets a
-- clear message and no account.
--
-- Disclosure, on purpose and bounded: anyone (anon) learns whether ONE exact email is registered for ONE event, which
-- is exactly what the sign-in form must tell the person typing it. Nothing is listed, no pattern matches, no names or
-- ids come back; the answer for an email registered elsewhere is "no". Asking this by email after the code was sent
-- instead (shouldCreateUser: true, then link_participant_account) would create an account for any email typed.
create function public.site_sign_in_allowed(target_event_id uuid, email text) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.participants p
    where p.event_id = target_event_id and p.email = lower(pg_catalog.btrim(site_sign_in_allowed.email))
  )
$$;
comment on function public.site_sign_in_allowed(uuid, text) is
  'Event-site sign-in: is this exact email registered for the event? (Tells one email, lists nothing.)';

revoke execute on function public.site_sign_in_allowed(uuid, text) from public;
grant execute on function public.site_sign_in_allowed(uuid, text) to anon, authenticated, service_role;
