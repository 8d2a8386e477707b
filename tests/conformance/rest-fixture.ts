// Shared fixture of the REST conformance tests: a schema created as `postgres` (tables with FKs, RLS with
// `(select auth.uid())`, explicit grants since new tables are not exposed automatically, functions), and clients.
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import pg from "pg";
import { createTestStack, userAccessToken, type TestCluster, type TestStack } from "../../supabase/local/testing.ts";

export const ALICE = "0b6f6d1e-5c4a-4d52-9a51-2d0f2a9e0a01";
export const BOB = "0b6f6d1e-5c4a-4d52-9a51-2d0f2a9e0a02";
export const CAROL = "0b6f6d1e-5c4a-4d52-9a51-2d0f2a9e0a03";
export const HOSTILE = `"; drop table public.rooms; -- ' \\ ☃ % * (a,b) "x"`;

export const FIXTURE_SQL = `
create table public.profiles (
  id uuid primary key,
  username text not null unique,
  bio text,
  created_at timestamptz not null default now()
);
create table public.rooms (
  id bigint generated always as identity primary key,
  name text not null unique,
  tags text[] not null default '{}',
  meta jsonb not null default '{}'
);
create table public.messages (
  id bigint generated always as identity primary key,
  room_id bigint not null references public.rooms(id) on delete cascade,
  author_id uuid not null references public.profiles(id),
  editor_id uuid references public.profiles(id),
  body text not null,
  score int,
  data jsonb,
  created_at timestamptz not null default now()
);
create table public.reactions (
  id bigint generated always as identity primary key,
  message_id bigint not null references public.messages(id) on delete cascade,
  emoji text not null
);
create table public.todos (
  id bigint generated always as identity primary key,
  user_id uuid not null default auth.uid(),
  title text not null check (length(title) > 0),
  done boolean not null default false,
  priority int default 3,
  unique (user_id, title)
);
create table public.settings (
  key text primary key,
  value text not null default 'unset',
  note text default 'n/a'
);
create table public."weird table" (
  id int primary key,
  "odd name; drop table x; --" text,
  "quo""te" text
);
create table public.secrets (id int primary key, value text);
create table public.feedback (id bigint generated always as identity primary key, body text not null);
create view public.room_names as select id, name from public.rooms;

alter table public.profiles enable row level security;
alter table public.rooms enable row level security;
alter table public.messages enable row level security;
alter table public.reactions enable row level security;
alter table public.todos enable row level security;
alter table public.settings enable row level security;
alter table public.secrets enable row level security;
alter table public.feedback enable row level security;
create policy "anyone sends feedback" on public.feedback for insert to anon, authenticated with check (true);

create policy "profiles are public" on public.profiles for select to anon, authenticated using (true);
create policy "rooms are public" on public.rooms for select to anon, authenticated using (true);
create policy "members create rooms" on public.rooms for insert to authenticated with check (true);
create policy "members read messages" on public.messages for select to authenticated using (true);
create policy "authors post" on public.messages for insert to authenticated with check (author_id = (select auth.uid()));
create policy "authors edit" on public.messages for update to authenticated using (author_id = (select auth.uid()));
create policy "reactions are public" on public.reactions for select to anon, authenticated using (true);
create policy "own todos" on public.todos for all to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "settings read" on public.settings for select to authenticated using (true);
create policy "settings write" on public.settings for insert to authenticated with check (true);
create policy "settings update" on public.settings for update to authenticated using (true);
-- secrets: RLS on, no policy: only service_role (BYPASSRLS) sees rows

grant select on public.profiles, public.rooms, public.messages, public.reactions, public.room_names
  to anon, authenticated, service_role;
grant insert on public.rooms to authenticated, service_role;
grant insert, update, delete on public.messages to authenticated, service_role;
grant select, insert, update, delete on public.todos, public.settings to authenticated, service_role;
grant select, insert, update, delete on public."weird table" to anon, authenticated, service_role;
grant select on public.secrets to anon, authenticated, service_role;
grant select, insert on public.feedback to anon, authenticated, service_role;

create function public.add(a int, b int default 10) returns int language sql immutable as $$ select a + b $$;
create function public.numbers(n int) returns setof int language sql immutable as $$ select generate_series(1, n) $$;
create function public.room_messages(p_room bigint) returns setof public.messages language sql stable
  as $$ select * from public.messages where room_id = p_room $$;
create function public.message_stats() returns table (room_id bigint, n bigint) language sql stable
  as $$ select room_id, count(*) from public.messages group by room_id order by room_id $$;
create function public.create_room(p_name text) returns public.rooms language sql volatile
  as $$ insert into public.rooms (name) values (p_name) returning * $$;
create function public.first_room() returns public.rooms language sql stable
  as $$ select * from public.rooms order by id limit 1 $$;
create function public.noop() returns void language sql as $$ select $$;
create function public.pay() returns void language plpgsql
  as $$ begin raise exception using errcode = 'PT402', message = 'Payment required', detail = 'quota', hint = 'upgrade'; end $$;
create function public.echo_json(jsonb) returns jsonb language sql immutable as $$ select $1 $$;
create function public.tagged(p_tags text[]) returns text language sql immutable as $$ select array_to_string(p_tags, '|') $$;
create function public.whoami() returns json language sql stable as $$
  select json_build_object(
    'current_user', current_user,
    'uid', auth.uid(),
    'claims_role', nullif(current_setting('request.jwt.claims', true), '')::json->>'role',
    'claim_sub', current_setting('request.jwt.claim.sub', true),
    'claim_role', current_setting('request.jwt.claim.role', true),
    'method', current_setting('request.method', true),
    'path', current_setting('request.path', true),
    'x_test', nullif(current_setting('request.headers', true), '')::json->>'x-test',
    'search_path', current_setting('search_path'),
    'read_only', current_setting('transaction_read_only'),
    'statement_timeout', current_setting('statement_timeout'))
$$;
grant execute on function public.add(int, int), public.numbers(int), public.room_messages(bigint),
  public.message_stats(), public.create_room(text), public.first_room(), public.noop(), public.pay(),
  public.echo_json(jsonb), public.tagged(text[]), public.whoami() to anon, authenticated, service_role;

insert into public.profiles (id, username, bio) values
  ('${ALICE}', 'alice', 'likes tea'), ('${BOB}', 'bob', null), ('${CAROL}', 'carol', 'Likes TEA too');
insert into public.rooms (name, tags, meta) values
  ('general', '{chat,public}', '{"color": "blue", "size": {"max": 10}}'),
  ('random', '{chat}', '{"color": "red"}'),
  ('empty', '{}', '{}');
insert into public.messages (room_id, author_id, editor_id, body, score, data, created_at) values
  (1, '${ALICE}', null, 'hello world', 5, '{"lang": "en", "tags": ["a", "b"]}', '2025-01-01T10:00:00Z'),
  (1, '${BOB}', '${ALICE}', 'hi alice', null, '{"lang": "en"}', '2025-01-01T10:01:00Z'),
  (1, '${CAROL}', null, 'Bonjour', 2, '{"lang": "fr"}', '2025-01-01T10:02:00Z'),
  (2, '${ALICE}', null, 'random thought', 9, null, '2025-01-01T10:03:00Z');
insert into public.reactions (message_id, emoji) values (1, '👍'), (1, '🎉'), (2, '👍');
insert into public.todos (user_id, title, done, priority) values
  ('${ALICE}', 'alice one', false, 1), ('${ALICE}', 'alice two', true, 2), ('${BOB}', 'bob one', false, 1);
insert into public.secrets values (1, 'top secret');
`;

export interface RestFixture {
  stack: TestStack;
  sql(text: string, params?: unknown[]): Promise<pg.QueryResult>;
  anon: SupabaseClient;
  alice: SupabaseClient;
  bob: SupabaseClient;
  service: SupabaseClient;
  legacyAnon: SupabaseClient;
  legacyService: SupabaseClient;
  token(sub: string, extra?: Record<string, unknown>): Promise<string>;
  client(key: string, token?: string): SupabaseClient;
  stop(): Promise<void>;
}

export async function createRestFixture(cluster: TestCluster, extraSql = ""): Promise<RestFixture> {
  const stack = await createTestStack(cluster, { bare: true });
  const admin = new pg.Client({ connectionString: stack.roles.postgres });
  await admin.connect();
  await admin.query(FIXTURE_SQL + extraSql);
  await admin.query("notify pgrst, 'reload schema'");
  const token = (sub: string, extra: Record<string, unknown> = {}) =>
    userAccessToken(stack.keys, sub, {
      email: `${sub.slice(-2)}@example.test`,
      session_id: "00000000-0000-4000-8000-000000000001",
      ...extra,
    });
  const client = (key: string, accessToken?: string) =>
    createClient(stack.url, key, {
      auth: { persistSession: false, autoRefreshToken: false },
      ...(accessToken ? { accessToken: async () => accessToken } : {}),
    });
  const aliceToken = await token(ALICE);
  const bobToken = await token(BOB);
  return {
    stack,
    sql: (text, params) => admin.query(text, params),
    anon: client(stack.keys.publishableKey),
    alice: client(stack.keys.publishableKey, aliceToken),
    bob: client(stack.keys.publishableKey, bobToken),
    service: client(stack.keys.secretKey),
    legacyAnon: client(stack.keys.anonKey),
    legacyService: client(stack.keys.serviceRoleKey),
    token,
    client,
    async stop() {
      await admin.end();
      await stack.stop();
    },
  };
}
