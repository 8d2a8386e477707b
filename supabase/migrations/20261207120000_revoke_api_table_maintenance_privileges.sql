-- Hosted projects give anon and authenticated every privilege on public tables by default, TRUNCATE, REFERENCES,
-- TRIGGER and MAINTAIN included. TRUNCATE ignores row-level security, and none of them is the Data API's business:
-- take them from the API roles on the tables already there and on the tables postgres creates from now on. (The local
-- stack's bootstrap does the same; this migration brings hosted in line.)
do $$
declare
  privileges text := 'truncate, references, trigger'
    || case when current_setting('server_version_num')::int >= 170000 then ', maintain' else '' end;
begin
  execute format('revoke %s on all tables in schema public from anon, authenticated', privileges);
  execute format('alter default privileges for role postgres in schema public revoke %s on tables from anon, authenticated', privileges);
end
$$;
