import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory for one test's database file, and a way to delete it afterwards. */
export interface TempDatabase {
  readonly directory: string;
  /** The database file inside the directory. */
  readonly path: string;
  remove(): void;
}

/** Makes a fresh temporary directory for a SQLite file (the file itself is created on open). */
export function tempDatabase(name = 'ledger.sqlite'): TempDatabase {
  const directory = mkdtempSync(join(tmpdir(), 'vaultcraft-sqlite-'));
  return {
    directory,
    path: join(directory, name),
    remove: () => rmSync(directory, { recursive: true, force: true }),
  };
}
