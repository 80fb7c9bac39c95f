import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS } from './migrations.js';

/**
 * The one state store. Every resource is a JSON record keyed by (kind, id). Reads are served
 * from memory; every write happens in a transaction that commits to SQLite (WAL) before the
 * caller gets an answer, together with change entries the data plane subscribes to.
 *
 * Durability: `journal_mode=WAL` with `synchronous=NORMAL` makes a committed transaction survive
 * the death of the process (kill -9) at any moment; only an operating-system crash can lose the
 * last transactions (https://www.sqlite.org/pragma.html#pragma_synchronous). That is the
 * guarantee DESIGN.md asks for ("a crash or kill at any moment loses no committed API change").
 *
 * Records are immutable once stored: to change one, put a new object.
 */

export interface StoredRecord {
  readonly id: string;
}

export type ChangeOp = 'put' | 'delete';

export interface Change {
  readonly seq: number;
  readonly kind: string;
  readonly id: string;
  readonly op: ChangeOp;
}

export type ChangeListener = (changes: readonly Change[]) => void;

/** Read access to records; what services, views and the data plane are handed. */
export interface RecordReader {
  get<T extends StoredRecord>(kind: string, id: string): T | undefined;
  list<T extends StoredRecord>(kind: string, predicate?: (r: T) => boolean): T[];
}

/** A transaction: reads see its own writes; nothing is visible to others until commit. */
export interface Tx extends RecordReader {
  put<T extends StoredRecord>(kind: string, record: T): T;
  delete(kind: string, id: string): void;
}

/** Changes kept in the `changes` table for inspection; older ones are trimmed. */
const CHANGE_LOG_KEEP = 10_000;

export class Store implements RecordReader {
  private readonly db: Database.Database;
  private readonly memory = new Map<string, Map<string, StoredRecord>>();
  private readonly listeners = new Set<ChangeListener>();
  private readonly stmtPut: Database.Statement;
  private readonly stmtDelete: Database.Statement;
  private readonly stmtChange: Database.Statement;
  private commits = 0;

  private constructor(db: Database.Database) {
    this.db = db;
    this.stmtPut = db.prepare('INSERT INTO records (kind, id, body) VALUES (?, ?, ?) ON CONFLICT(kind, id) DO UPDATE SET body = excluded.body');
    this.stmtDelete = db.prepare('DELETE FROM records WHERE kind = ? AND id = ?');
    this.stmtChange = db.prepare('INSERT INTO changes (kind, id, op, at) VALUES (?, ?, ?, ?)');
    for (const row of db.prepare('SELECT kind, id, body FROM records').iterate() as Iterable<{ kind: string; id: string; body: string }>) {
      this.bucket(row.kind).set(row.id, JSON.parse(row.body) as StoredRecord);
    }
  }

  /** Opens (or creates) the store in `dir` (state.db); `':memory:'` for a throwaway store. */
  static open(dir: string): Store {
    let file = ':memory:';
    if (dir !== ':memory:') {
      mkdirSync(dir, { recursive: true });
      file = join(dir, 'state.db');
    }
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return new Store(db);
  }

  get<T extends StoredRecord>(kind: string, id: string): T | undefined {
    return this.memory.get(kind)?.get(id) as T | undefined;
  }

  list<T extends StoredRecord>(kind: string, predicate?: (r: T) => boolean): T[] {
    const bucket = this.memory.get(kind);
    if (!bucket) return [];
    const all = [...bucket.values()] as T[];
    return predicate ? all.filter(predicate) : all;
  }

  /**
   * Runs `fn` as one transaction. If it throws, nothing is written and the error propagates.
   * Otherwise its writes and change entries are committed to SQLite atomically, applied to
   * memory, and then the listeners hear of them.
   */
  transact<R>(fn: (tx: Tx) => R): R {
    const pending = new Map<string, Map<string, StoredRecord | null>>();
    const order: { kind: string; id: string }[] = [];
    const mark = (kind: string, id: string, value: StoredRecord | null) => {
      let b = pending.get(kind);
      if (!b) pending.set(kind, (b = new Map()));
      if (!b.has(id)) order.push({ kind, id });
      b.set(id, value);
    };
    const tx: Tx = {
      get: <T extends StoredRecord>(kind: string, id: string) => {
        const p = pending.get(kind);
        if (p?.has(id)) return (p.get(id) ?? undefined) as T | undefined;
        return this.get<T>(kind, id);
      },
      list: <T extends StoredRecord>(kind: string, predicate?: (r: T) => boolean) => {
        const p = pending.get(kind);
        let all = this.list<T>(kind);
        if (p) {
          all = all.filter((r) => !p.has(r.id));
          for (const v of p.values()) if (v) all.push(v as T);
        }
        return predicate ? all.filter(predicate) : all;
      },
      put: (kind, record) => {
        mark(kind, record.id, record);
        return record;
      },
      delete: (kind, id) => mark(kind, id, null),
    };
    const result = fn(tx);
    if (order.length === 0) return result;

    const at = Date.now();
    const changes: Change[] = [];
    const write = this.db.transaction(() => {
      for (const { kind, id } of order) {
        const value = pending.get(kind)!.get(id)!;
        if (value) this.stmtPut.run(kind, id, JSON.stringify(value));
        else this.stmtDelete.run(kind, id);
        const info = this.stmtChange.run(kind, id, value ? 'put' : 'delete', at);
        changes.push({ seq: Number(info.lastInsertRowid), kind, id, op: value ? 'put' : 'delete' });
      }
    });
    write();
    for (const { kind, id } of order) {
      const value = pending.get(kind)!.get(id)!;
      if (value) this.bucket(kind).set(id, value);
      else this.memory.get(kind)?.delete(id);
    }
    if (++this.commits % 1000 === 0) this.trimChanges();
    for (const l of this.listeners) {
      try {
        l(changes);
      } catch {
        // A listener's failure must not undo or hide a committed change; listeners log their own.
      }
    }
    return result;
  }

  /** Subscribes to committed changes; returns the unsubscribe function. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads a small metadata value (schema facts, local CA serials, ...). */
  getMeta(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** Number of records of every kind, for status and tests. */
  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [k, b] of this.memory) if (b.size) out[k] = b.size;
    return out;
  }

  close(): void {
    this.listeners.clear();
    if (this.db.open) this.db.close();
  }

  private bucket(kind: string): Map<string, StoredRecord> {
    let b = this.memory.get(kind);
    if (!b) this.memory.set(kind, (b = new Map()));
    return b;
  }

  private trimChanges(): void {
    this.db.prepare('DELETE FROM changes WHERE seq <= (SELECT MAX(seq) FROM changes) - ?').run(CHANGE_LOG_KEEP);
  }
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(m.version, Date.now());
    })();
  }
}
