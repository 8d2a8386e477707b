-- A participant cannot flood a conversation (issue 16, finding 4): at most 20 participant messages per conversation
-- per minute. A person typing at the venue writes a few messages a minute; 20 is one every 3 seconds for a whole
-- minute, which nobody reaches by hand, while a script hammering post_message / contact_organizer is stopped after
-- 20 rows (Chatwoot caps a conversation at 200 a minute, but it also takes messages from bots and integrations;
-- ours come from one person). Organizer messages are not capped here: SEND NOW is idempotent per pop-in, replies
-- come from the team.
--
-- Enforced where every message is written (insert_message), after the thread row lock it already takes: writers of
-- one thread run one at a time, and each statement of this read-committed function sees what the previous writer
-- committed, so concurrent calls cannot all pass the count. A retry of a message already stored (same client_id)
-- is not a new message: it returns the stored one even at the cap. The refusal is SQLSTATE PT429 (HTTP 429) with
-- message `messages_too_fast`, which the site translates.

create or replace function private.insert_message(thread public.threads, side text, body text, client_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
#variable_conflict use_column
declare
  message public.messages;
  per_minute constant integer := 20;
begin
  perform private.lock_event_messages(thread.event_id, false);
  -- One writer per thread at a time: the next message of the thread takes its id after this one commits.
  perform 1 from public.threads t where t.id = thread.id for no key update;
  if side = 'participant'
    and not exists (
      select 1 from public.messages m where m.thread_id = thread.id and m.client_id = insert_message.client_id)
    and (
      select count(*) from public.messages m
      where m.event_id = thread.event_id and m.thread_id = thread.id and m.author_side = 'participant'
        and m.created_at > pg_catalog.now() - interval '1 minute'
    ) >= per_minute then
    raise exception using errcode = 'PT429', message = 'messages_too_fast',
      detail = 'at most 20 messages a minute in a conversation', hint = 'wait a minute and try again';
  end if;
  insert into public.messages (thread_id, event_id, author_side, author_user_id, body, client_id)
  values (thread.id, thread.event_id, side, (select auth.uid()), body, insert_message.client_id)
  on conflict (thread_id, client_id) where client_id is not null do nothing
  returning * into message;
  if message.id is null then
    select * into message from public.messages m where m.thread_id = thread.id and m.client_id = insert_message.client_id;
    if message.author_user_id is distinct from (select auth.uid()) then
      raise exception using errcode = 'PT409', message = 'client_id_reused', detail = 'this client id belongs to another message';
    end if;
    return private.message_json(message, message.body);
  end if;
  perform private.notify_message(private.message_json(message, message.body), thread.participant_id);
  return private.message_json(message, message.body);
end;
$$;
