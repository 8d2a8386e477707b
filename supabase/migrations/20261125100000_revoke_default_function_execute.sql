-- Functions are not callable by the API roles unless a migration grants it: every function added later states who
-- may execute it. PostgreSQL grants EXECUTE to PUBLIC by default (a global default, so revoked globally for the
-- migration role), and Supabase's default privileges in public add the API roles.
alter default privileges revoke execute on functions from public;
alter default privileges in schema public revoke execute on functions from anon, authenticated, service_role;

-- Schema for helpers that RLS policies call (security definer, search_path = ''): not exposed through the API.
create schema private;
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;
