import { readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';

/** The lock file in the data folder: who holds the embedded database. */
export const LOCK_FILE = 'setu.lock';
/** A lock file that names nobody (its writer died between creating and filling it) is stale after this long. */
const UNNAMED_STALE_MS = 10_000;

/** Who holds a data folder, as the lock file says. */
export interface LockHolder {
  pid: number;
  command: string;
  since: string;
  host: string;
}

/**
 * The embedded database's folder is held by another live process (or this one, opened twice). PGlite is one
 * Postgres backend over plain files: a second one on the same folder either aborts inside WebAssembly or, worse,
 * writes the same files at once. The message says who holds it, in English and Hindi.
 */
export class DataFolderInUse extends Error {
  readonly folder: string;
  readonly holder: LockHolder | undefined;
  constructor(folder: string, holder: LockHolder | undefined) {
    const who = holder ? `process ${holder.pid} (${holder.command}, since ${holder.since})` : 'another process';
    const whoHi = holder ? `प्रक्रिया ${holder.pid} (${holder.command}, ${holder.since} से)` : 'किसी और प्रक्रिया';
    super(
      `the data folder ${folder} is in use by ${who}; stop it first, or set DATA_DIR to another folder\n` +
        `डेटा फ़ोल्डर ${folder} ${whoHi} के उपयोग में है; पहले उसे बंद करें, या DATA_DIR में कोई दूसरा फ़ोल्डर दें`,
    );
    this.name = 'DataFolderInUse';
    this.folder = folder;
    this.holder = holder;
  }
}

/** What this process is, for the message another one shows: `setu start`, or the script and its arguments. */
function describeProcess(): string {
  const script = process.argv[1] ?? '';
  const args = process.argv.slice(2).join(' ');
  const name = /cli[/\\]main\.ts$|[/\\]setu$/.test(script) ? 'setu' : basename(script) || 'node';
  return `${name} ${args}`.trim();
}

/** The lock file's text (undefined if gone) and the holder it names (undefined if it names nobody). */
function readLock(path: string): { raw: string | undefined; holder: LockHolder | undefined } {
  let raw: string | undefined;
  try {
    raw = readFileSync(path, 'utf8');
    const h = JSON.parse(raw) as Partial<LockHolder>;
    const holder =
      Number.isInteger(h.pid) && h.pid! > 0 ? { pid: h.pid!, command: String(h.command), since: String(h.since), host: String(h.host) } : undefined;
    return { raw, holder };
  } catch {
    return { raw, holder: undefined };
  }
}

/** Whether a process lives: signal 0 is sent to nobody, only checked (EPERM: it lives, under another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether a lock left in the folder can be taken over: its process is dead. A lock from another host (a folder on a
 * network share) cannot be judged from here and is kept; so is one that names nobody until it is a few seconds old.
 */
function isStale(path: string, holder: LockHolder | undefined): boolean {
  if (!holder) {
    try {
      return Date.now() - statSync(path).mtimeMs > UNNAMED_STALE_MS;
    } catch {
      return true; // gone meanwhile
    }
  }
  return holder.host === hostname() && !alive(holder.pid);
}

/**
 * Takes the data folder for this process: a lock file made with O_EXCL (`wx`), so of two processes starting together
 * exactly one makes it. A lock whose process is dead (killed, crashed) is taken over; a live one is refused with
 * `DataFolderInUse`. `release` removes the file if it is still ours; it is also removed when the process exits
 * normally, and a process killed outright leaves it stale for the next to take over.
 */
export function lockDataFolder(folder: string): { release(): void } {
  const path = join(folder, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, command: describeProcess(), since: new Date().toISOString(), host: hostname() };
  const text = JSON.stringify(me);
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, text, { flag: 'wx', mode: 0o644 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const { raw, holder } = readLock(path);
    if (attempt >= 3) throw new DataFolderInUse(folder, holder);
    if (raw === undefined) continue; // released meanwhile: race for it again
    if (!isStale(path, holder)) throw new DataFolderInUse(folder, holder);
    // Stale: remove it only if it is still the one judged (another process may have taken it over meanwhile), then
    // race for it with `wx` again.
    try {
      if (readFileSync(path, 'utf8') === raw) unlinkSync(path);
    } catch {
      // gone already: race again
    }
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    try {
      if (readFileSync(path, 'utf8') === text) unlinkSync(path);
    } catch {
      // removed by hand: nothing to release
    }
  };
  process.on('exit', release);
  return { release };
}
