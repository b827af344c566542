// Orders in an embedded SQLite file: they survive a restart of the server.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import Database from 'better-sqlite3';

export class OrdersStore {
  constructor(file) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS orders (
      id TEXT PRIMARY KEY,
      owner TEXT,
      email TEXT NOT NULL,
      items TEXT NOT NULL,
      total_cents INTEGER NOT NULL,
      created_at TEXT NOT NULL)`);
    this.db.exec('CREATE INDEX IF NOT EXISTS orders_by_owner ON orders (owner, created_at)');
    this.insert = this.db.prepare(`INSERT INTO orders (id, owner, email, items, total_cents, created_at)
      VALUES (@id, @owner, @email, @items, @total_cents, @created_at)`);
    this.byOwner = this.db.prepare('SELECT * FROM orders WHERE owner = ? ORDER BY created_at DESC, id');
  }

  /** owner is null for a guest checkout. */
  place({ owner, email, items, totalCents }) {
    const row = {
      id: `SZ-${crypto.randomUUID().slice(0, 8).toUpperCase()}`,
      owner,
      email,
      items: JSON.stringify(items),
      total_cents: totalCents,
      created_at: new Date().toISOString(),
    };
    this.insert.run(row);
    return toOrder(row);
  }

  listFor(owner) {
    return this.byOwner.all(owner).map(toOrder);
  }

  count() {
    return this.db.prepare('SELECT COUNT(*) AS n FROM orders').get().n;
  }

  close() {
    this.db.close();
  }
}

function toOrder(row) {
  return {
    id: row.id,
    email: row.email,
    items: JSON.parse(row.items),
    totalCents: row.total_cents,
    createdAt: row.created_at,
    guest: row.owner === null,
  };
}
