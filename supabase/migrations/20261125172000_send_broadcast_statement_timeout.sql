-- SEND NOW to a whole event is one statement by design (all recipients or none). At 100,000 recipients it takes about
-- 1.3 s on an idle 2-CPU machine, but the authenticated role's 8 s statement timeout (Supabase's default) can be
-- reached on a saturated machine, or by the retry right after a crash (the aborted attempt's dead rows are still in
-- the indexes until vacuum). The API (PostgREST 12.2+, and the local stack) hoists a function's own statement_timeout
-- to the call's transaction, so this one function gets 60 s (the API's maximum) while every other request keeps 8 s.
alter function public.send_broadcast(uuid, text, jsonb, uuid) set statement_timeout = '60s';
