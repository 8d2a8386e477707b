import pg from "pg";

// Database broadcasts: bootstrap/35_realtime_delivery.sql copies each transaction's broadcast rows of realtime.messages
// into _realtime.outbox and NOTIFYs its txid after commit. Transactions are delivered one after the other in
// notification (= commit) order; a big one is read in batches, yielding between batches so other traffic keeps flowing.

export interface OutboxRow {
  seq: string;
  id: string;
  topic: string;
  event: string | null;
  private: boolean;
  payload: string | null;
  binary_payload: Buffer | null;
}

const CHANNEL = "_realtime_outbox";
const BATCH = 1000;
const TXIDS_PER_READ = 500;
// int8 arrives as a string. Never alias a cast as "seq": ORDER BY seq would then sort the text.
const COLUMNS = "o.seq, o.id::text as id, o.topic, o.event, o.private, o.payload::text as payload, o.binary_payload";
/** Delivered rows stay this long, so another stack serving the same database can read them too. */
const KEEP_DELIVERED_MS = 30_000;
/** Rows nobody delivered (no stack was listening) are removed after this. */
const ORPHAN_AGE = "10 minutes";
const RECONNECT_MS = 1000;

export class DatabaseDelivery {
  readonly #url: string;
  readonly #deliver: (row: OutboxRow) => void;
  #client: pg.Client | null = null;
  #stopped = false;
  #queue: string[] = [];
  #draining = false;
  /** txid → time delivered, until deleted. */
  #delivered = new Map<string, number>();
  #janitor: NodeJS.Timeout | null = null;
  #reconnect: NodeJS.Timeout | null = null;
  #connectedOnce = false;
  #markReady: () => void = () => undefined;
  /** Resolves at the first successful LISTEN (retried every second while the database is unreachable). */
  readonly ready: Promise<void>;

  constructor(url: string, deliver: (row: OutboxRow) => void) {
    this.#url = url;
    this.#deliver = deliver;
    this.ready = new Promise((resolve) => (this.#markReady = resolve));
    this.#attempt();
  }

  #attempt(): void {
    this.#connect(!this.#connectedOnce).then(
      () => {
        this.#connectedOnce = true;
        this.#markReady();
      },
      () => this.#scheduleReconnect(),
    );
  }

  async #connect(first: boolean): Promise<void> {
    const client = new pg.Client({ connectionString: this.#url, application_name: "local-realtime-delivery" });
    client.on("error", () => this.#lost(client));
    client.on("end", () => this.#lost(client));
    client.on("notification", (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      this.#queue.push(message.payload);
      void this.#drain();
    });
    try {
      await client.connect();
      await client.query(`listen ${CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.#stopped) {
      await client.end();
      return;
    }
    this.#client = client;
    if (first) {
      await client.query(`delete from _realtime.outbox where created_at < now() - interval '${ORPHAN_AGE}'`);
    } else {
      // Notifications sent while we were disconnected are lost, but their rows wait in the outbox.
      const pending = await client.query<{ txid: string }>(
        "select txid::text as txid from _realtime.outbox group by txid order by min(seq)",
      );
      const known = new Set([...this.#queue, ...this.#delivered.keys()]);
      this.#queue.unshift(...pending.rows.map((row) => row.txid).filter((txid) => !known.has(txid)));
    }
    this.#janitor ??= setInterval(() => void this.#clean(), 10_000).unref();
    void this.#drain();
  }

  #lost(client: pg.Client): void {
    if (this.#client !== client) return;
    this.#client = null;
    client.end().catch(() => undefined);
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    if (this.#stopped || this.#reconnect) return;
    this.#reconnect = setTimeout(() => {
      this.#reconnect = null;
      this.#attempt();
    }, RECONNECT_MS);
  }

  async #drain(): Promise<void> {
    if (this.#draining) return;
    this.#draining = true;
    try {
      while (this.#queue.length > 0 && this.#client && !this.#stopped) {
        await this.#deliverSome(this.#client);
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch {
      // Connection lost mid-transaction: the reconnect re-reads it (rows already sent are sent again; rare and local).
    } finally {
      this.#draining = false;
    }
  }

  #done(count: number): void {
    const now = Date.now();
    for (const txid of this.#queue.splice(0, count)) this.#delivered.set(txid, now);
  }

  /**
   * Under load many small transactions wait: read the rows of up to TXIDS_PER_READ of them in one query, in queue
   * (commit) order. Transactions wholly inside the result are delivered; a big one is then read alone, in batches.
   */
  async #deliverSome(client: pg.Client): Promise<void> {
    const txids = this.#queue.slice(0, TXIDS_PER_READ);
    const { rows } = await client.query<OutboxRow & { txid: string }>(
      `select o.txid::text as txid, ${COLUMNS} from _realtime.outbox o where o.txid = any($1::bigint[])
       order by array_position($1::bigint[], o.txid), o.seq limit ${BATCH + 1}`,
      [txids],
    );
    let complete = txids.length;
    if (rows.length > BATCH) {
      complete = txids.indexOf(rows[rows.length - 1].txid); // the last transaction in the result may be cut off
      if (complete <= 0) {
        await this.#deliverTransaction(client, txids[0]);
        this.#done(1);
        return;
      }
    }
    const delivered = new Set(txids.slice(0, complete));
    for (const row of rows) {
      if (delivered.has(row.txid)) this.#send(row);
    }
    this.#done(complete);
  }

  #send(row: OutboxRow): void {
    try {
      this.#deliver(row);
    } catch (error) {
      console.error("[local realtime] delivery of a database broadcast failed", error);
    }
  }

  async #deliverTransaction(client: pg.Client, txid: string): Promise<void> {
    let after = "0";
    for (;;) {
      const { rows } = await client.query<OutboxRow>(
        `select ${COLUMNS} from _realtime.outbox o where o.txid = $1 and o.seq > $2 order by o.seq limit ${BATCH}`,
        [txid, after],
      );
      for (const row of rows) this.#send(row);
      if (rows.length < BATCH) return;
      after = rows[rows.length - 1].seq;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async #clean(): Promise<void> {
    const client = this.#client;
    if (!client) return;
    const cutoff = Date.now() - KEEP_DELIVERED_MS;
    const done = [...this.#delivered].filter(([, at]) => at < cutoff).map(([txid]) => txid);
    try {
      await client.query(
        `delete from _realtime.outbox where txid = any($1::bigint[]) or created_at < now() - interval '${ORPHAN_AGE}'`,
        [done],
      );
      for (const txid of done) this.#delivered.delete(txid);
    } catch {
      // retried at the next round
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#janitor) clearInterval(this.#janitor);
    if (this.#reconnect) clearTimeout(this.#reconnect);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => undefined);
  }
}
