-- SQL seed run by `supabase db reset` / `supabase start` and by the local stack after migrations.
-- Demo users and data are created by `npm run seed` through the Auth admin API (passwords hashed by the auth server),
-- so nothing is needed here yet.
select 1;
