-- Team member ids are not for every signed-in user (issue 16, finding 8): updated_by of site_settings and
-- translation_overrides was readable by any authenticated user of any event (the tables are public to read: the event
-- site shows them). Column grants now give authenticated what anon gets; who changed an override reaches only the
-- event's team, as a display name, through team_translation_overrides (the translation tool's one read).
-- Nothing in the app reads site_settings.updated_by.

revoke select on public.site_settings, public.translation_overrides from authenticated;
grant select (event_id, allow_contact_organizer, header_menu, updated_at) on public.site_settings to authenticated;
grant select (event_id, locale, key, value, updated_at) on public.translation_overrides to authenticated;

-- The translation tool: the event's overrides with who saved each (their display name while they are in the event's
-- team, else null). Organizers and translators of the event only; anyone else gets PT403 not_a_team_member.
create function public.team_translation_overrides(target_event_id uuid)
returns table (key text, locale text, value text, updated_at timestamptz, updated_by_name text)
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
begin
  if (select auth.uid()) is null or target_event_id not in (select private.member_event_ids()) then
    raise exception using errcode = 'PT403', message = 'not_a_team_member', detail = 'only the event''s team can do this';
  end if;
  return query
  select o.key, o.locale, o.value, o.updated_at, p.display_name
  from public.translation_overrides o
  left join public.event_members m on m.event_id = o.event_id and m.user_id = o.updated_by
  left join public.profiles p on p.user_id = m.user_id
  where o.event_id = target_event_id
  order by o.key, o.locale;
end;
$$;
revoke execute on function public.team_translation_overrides(uuid) from public, anon;
-- Deliberately callable by authenticated: it checks that the caller is on the event's team and returns only that event.
grant execute on function public.team_translation_overrides(uuid) to authenticated;
comment on function public.team_translation_overrides(uuid) is
  'API (authenticated), deliberate: the translation tool''s overrides with their authors'' display names; the event''s team only.';
