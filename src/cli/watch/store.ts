/**
 * `beian watch`'s memory: a SQLite database (better-sqlite3, an optional peer dependency) holding every check
 * with the answers it got, every change, and every alert to deliver, so a restart loses nothing and an alert a
 * webhook did not take is sent again. Each check is one transaction; WAL lets `beian watch history` read while
 * a watcher writes.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { UsageError } from '../errors.js';
import type { Change, SiteState, Value } from './state.js';

/** The schema; `user_version` says which a file has, for the migrations to come. */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS checks (
  id INTEGER PRIMARY KEY,
  domain TEXT NOT NULL,
  at TEXT NOT NULL,
  answers TEXT NOT NULL,
  state TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS checks_by_domain ON checks (domain, id);
CREATE TABLE IF NOT EXISTS changes (
  id INTEGER PRIMARY KEY,
  check_id INTEGER NOT NULL REFERENCES checks (id),
  domain TEXT NOT NULL,
  at TEXT NOT NULL,
  field TEXT NOT NULL,
  before TEXT,
  after TEXT
);
CREATE INDEX IF NOT EXISTS changes_by_domain ON changes (domain, id);
CREATE TABLE IF NOT EXISTS alerts (
  id INTEGER PRIMARY KEY,
  check_id INTEGER NOT NULL REFERENCES checks (id),
  hook TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  sent_at TEXT,
  error TEXT
);
CREATE INDEX IF NOT EXISTS alerts_unsent ON alerts (sent_at) WHERE sent_at IS NULL;
PRAGMA user_version = 1;
`;

/** An alert is tried this many times (once per round) before it is left with its error. */
export const MAX_ALERT_ATTEMPTS = 5;

export interface CheckRow {
  readonly id: number;
  readonly domain: string;
  readonly at: string;
  readonly state: SiteState;
}

export interface ChangeRow extends Change {
  readonly id: number;
  readonly checkId: number;
  readonly domain: string;
  readonly at: string;
}

export interface AlertRow {
  readonly id: number;
  readonly checkId: number;
  readonly hook: string;
  readonly attempts: number;
  readonly sentAt: string | null;
  readonly error: string | null;
}

/** The database and the statements the watcher runs on it. */
export class WatchStore {
  readonly #db: BetterSqlite3.Database;

  private constructor(db: BetterSqlite3.Database) {
    this.#db = db;
  }

  /** Opens (or creates) the database file. */
  static async open(path: string): Promise<WatchStore> {
    const Database = await loadDriver();
    let db: BetterSqlite3.Database;
    try {
      db = new Database(path, { timeout: 5000 });
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > 1) throw new Error(`it was written by a newer beian (schema ${version}); upgrade beian-elements`);
      db.exec(SCHEMA);
    } catch (e) {
      throw new UsageError(`cannot use ${path} as beian watch's database: ${(e as Error).message}`, false);
    }
    return new WatchStore(db);
  }

  close(): void {
    this.#db.close();
  }

  /** The last check of each site, for the state a (re)started watcher goes on from. */
  lastChecks(): Map<string, CheckRow> {
    const rows = this.#db
      .prepare<[], { id: number; domain: string; at: string; state: string }>(
        'SELECT id, domain, at, state FROM checks WHERE id IN (SELECT MAX(id) FROM checks GROUP BY domain)',
      )
      .all();
    return new Map(rows.map((r) => [r.domain, { ...r, state: JSON.parse(r.state) as SiteState }]));
  }

  /** The last change of each site: when it was (for /metrics). */
  lastChanges(): Map<string, string> {
    const rows = this.#db
      .prepare<[], { domain: string; at: string }>('SELECT domain, MAX(at) AS at FROM changes GROUP BY domain')
      .all();
    return new Map(rows.map((r) => [r.domain, r.at]));
  }

  /** Records a check, its changes and an alert per hook when anything changed: all or nothing. */
  readonly record = (check: {
    domain: string;
    at: string;
    answers: unknown;
    state: SiteState;
    changes: readonly Change[];
    hooks: readonly string[];
  }): number =>
    this.#db.transaction(() => {
      const { lastInsertRowid } = this.#db
        .prepare('INSERT INTO checks (domain, at, answers, state) VALUES (?, ?, ?, ?)')
        .run(check.domain, check.at, JSON.stringify(check.answers), JSON.stringify(check.state));
      const id = Number(lastInsertRowid);
      const change = this.#db.prepare(
        'INSERT INTO changes (check_id, domain, at, field, before, after) VALUES (?, ?, ?, ?, ?, ?)',
      );
      for (const c of check.changes) change.run(id, check.domain, check.at, c.field, stored(c.before), stored(c.after));
      if (check.changes.length)
        for (const hook of check.hooks)
          this.#db.prepare('INSERT INTO alerts (check_id, hook) VALUES (?, ?)').run(id, hook);
      return id;
    })();

  /** Alerts not yet taken by their webhook, oldest first, that have tries left. */
  unsentAlerts(): AlertRow[] {
    return this.#db
      .prepare<[number], AlertRow>(
        'SELECT id, check_id AS checkId, hook, attempts, sent_at AS sentAt, error FROM alerts WHERE sent_at IS NULL AND attempts < ? ORDER BY id',
      )
      .all(MAX_ALERT_ATTEMPTS);
  }

  /** A check's site and changes, what its alert says. */
  checkChanges(checkId: number): ChangeRow[] {
    return this.#changes('WHERE check_id = ?', checkId);
  }

  alertTried(id: number, outcome: { sentAt: string } | { error: string }): void {
    if ('sentAt' in outcome)
      this.#db
        .prepare('UPDATE alerts SET attempts = attempts + 1, sent_at = ?, error = NULL WHERE id = ?')
        .run(outcome.sentAt, id);
    else this.#db.prepare('UPDATE alerts SET attempts = attempts + 1, error = ? WHERE id = ?').run(outcome.error, id);
  }

  /** A site's history: its checks (how many, first and last), its changes and their alerts. */
  history(domain: string): {
    checks: { count: number; first: string | null; last: string | null };
    state: SiteState | null;
    changes: (ChangeRow & { alerts: AlertRow[] })[];
  } {
    const checks = this.#db
      .prepare<[string], { count: number; first: string | null; last: string | null }>(
        'SELECT COUNT(*) AS count, MIN(at) AS first, MAX(at) AS last FROM checks WHERE domain = ?',
      )
      .get(domain)!;
    const last = this.#db
      .prepare<[string], { state: string }>('SELECT state FROM checks WHERE domain = ? ORDER BY id DESC LIMIT 1')
      .get(domain);
    const alerts = this.#db.prepare<[number], AlertRow>(
      'SELECT id, check_id AS checkId, hook, attempts, sent_at AS sentAt, error FROM alerts WHERE check_id = ? ORDER BY id',
    );
    const changes = this.#changes('WHERE domain = ?', domain).map((c) => ({ ...c, alerts: alerts.all(c.checkId) }));
    return { checks, state: last ? (JSON.parse(last.state) as SiteState) : null, changes };
  }

  #changes(where: string, key: string | number): ChangeRow[] {
    const rows = this.#db
      .prepare<
        [string | number],
        Omit<ChangeRow, 'before' | 'after'> & { before: string | null; after: string | null }
      >(`SELECT id, check_id AS checkId, domain, at, field, before, after FROM changes ${where} ORDER BY id`)
      .all(key);
    return rows.map((r) => ({ ...r, before: loaded(r.before), after: loaded(r.after) }));
  }
}

/** Values are kept as JSON, so `false` and `"false"` stay apart. */
function stored(value: Value): string {
  return JSON.stringify(value);
}

function loaded(text: string | null): Value {
  return text === null ? null : (JSON.parse(text) as Value);
}

async function loadDriver(): Promise<typeof BetterSqlite3> {
  try {
    return (await import('better-sqlite3')).default;
  } catch {
    throw new UsageError(
      'beian watch keeps its history in SQLite through better-sqlite3: npm install better-sqlite3',
      false,
    );
  }
}
