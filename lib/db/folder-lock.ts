import { readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";

// Only one process may open an embedded (PGlite) database folder: a second one would corrupt it,
// and PGlite itself keeps no lock. The process that opens the folder writes its pid into a lock
// file there and removes it on close; a lock whose process is gone is stale and taken over.

const LOCK_FILE = "twostep.lock";

/** The folder is open in another live process. */
export class DatabaseFolderBusyError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dir} is open in another process (pid ${pid}), most likely the app (npm run dev or npm start). Only one process can open it: stop that process and run this again, or set DATABASE_URL to use Postgres, which many processes can share.`,
    );
    this.name = "DatabaseFolderBusyError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Holds `dir` for this process; answers its release. Throws DatabaseFolderBusyError if held. */
export async function holdFolder(dir: string): Promise<() => Promise<void>> {
  const file = path.join(dir, LOCK_FILE);
  const mine = String(process.pid);
  try {
    await writeFile(file, mine, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const holder = Number(
      (await readFile(file, "utf8").catch(() => "")).trim(),
    );
    if (holder && holder !== process.pid && isAlive(holder))
      throw new DatabaseFolderBusyError(dir, holder);
    await writeFile(file, mine);
  }
  return async () => {
    const holder = await readFile(file, "utf8").catch(() => "");
    if (holder.trim() === mine) await unlink(file).catch(() => undefined);
  };
}
