-- What Supabase's advisors (`supabase db advisors`, run by `npm test` through scripts/advisors.ts) reported on the
-- migrated database, fixed:
-- - WARN function_search_path_mutable: private.raise_invalid had no search_path. It names nothing unqualified, but a
--   function without a fixed search_path resolves names through the caller's, which a caller may change.
-- - WARN multiple_permissive_policies: profiles had two permissive SELECT policies for authenticated (team members, and
--   participants reading their organizers), so PostgreSQL evaluated both for every row. One policy now says both.
-- - INFO unindexed_foreign_keys: participant_views.created_by references auth.users without an index, so deleting a
--   user scanned participant_views (the "on delete set null" check).

alter function private.raise_invalid(text, text) set search_path = '';

drop policy "users read their own and their teammates' profiles" on public.profiles;
drop policy "participants read their organizers' profiles" on public.profiles;
create policy "users read their own, their teammates' and their organizers' profiles" on public.profiles
  for select to authenticated
  using (
    user_id = (select auth.uid())
    or user_id in (select private.teammate_user_ids())
    or user_id in (select private.my_organizers_user_ids())
  );

create index participant_views_created_by_idx on public.participant_views (created_by);
