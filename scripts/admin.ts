// npm run admin:grant -- <email>   /   npm run admin:revoke -- <email>
// Grants or revokes the admin role, which opens the operators' console (/admin). Only this command
// changes it: the web never can. It reads the same environment as the app (.env files included)
// and talks to DATABASE_URL while the app runs, or to the embedded database when no process holds
// it (only one process can open that: stop the app first).
import { loadEnvConfig } from "@next/env";
import { ADMIN_ROLE, setRole } from "@/lib/account/role";
import { closeDb, createDb, DatabaseFolderBusyError } from "@/lib/db";
import { getEnv } from "@/lib/env";

const USAGE =
  "Usage: npm run admin:grant -- <email>  |  npm run admin:revoke -- <email>";

export async function runAdminCommand(
  args: string[],
): Promise<{ code: number; message: string }> {
  const [command, email, ...rest] = args;
  if ((command !== "grant" && command !== "revoke") || !email || rest.length)
    return { code: 2, message: USAGE };
  const env = getEnv();
  const where = env.databaseUrl
    ? "DATABASE_URL"
    : `the embedded database in ${env.pgliteDir}`;
  let db;
  try {
    db = await createDb({
      databaseUrl: env.databaseUrl,
      pgliteDir: env.pgliteDir,
    });
  } catch (error) {
    if (error instanceof DatabaseFolderBusyError)
      return { code: 3, message: error.message };
    throw error;
  }
  try {
    const grant = command === "grant";
    const done = await setRole(db, email, grant ? ADMIN_ROLE : null);
    if (done === "no-account")
      return {
        code: 1,
        message: `No account has confirmed the address ${email} (in ${where}): an admin is an account whose address is proven.`,
      };
    if (done === "no-passkey")
      return {
        code: 1,
        message: `${email} has no passkey yet (in ${where}): the console asks for one, so add a passkey on the account page first.`,
      };
    const now = grant ? "is an admin" : "is not an admin";
    return {
      code: 0,
      message:
        done === "changed"
          ? `${email} now ${now} (in ${where}).`
          : `${email} already ${now} (in ${where}).`,
    };
  } finally {
    await closeDb(db);
  }
}

if (process.argv[1] && /scripts[\\/]admin\.ts$/.test(process.argv[1])) {
  loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production", {
    info() {},
    error: console.error,
  });
  runAdminCommand(process.argv.slice(2)).then(
    ({ code, message }) => {
      (code === 0 ? console.log : console.error)(message);
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
