import { randomBytes } from "node:crypto";
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/lib/db";
import { holdFolder } from "@/lib/db/folder-lock";
import { savePasskey } from "@/lib/factors/passkey-records";
import { createTestAccount } from "@/test/support/accounts";
import { resetTables, TEST_DATABASE_URL } from "@/test/support/db";
import { randomMobile } from "@/test/support/phones";

// `npm run admin:grant -- <email>` and `admin:revoke`, run as the operator runs them: a process of
// its own, with the environment it finds.

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "..");

async function admin(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [
        path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
        "--conditions=react-server",
        "scripts/admin.ts",
        ...args,
      ],
      { cwd: ROOT, env: { ...process.env, ...env } },
    );
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

const role = async (id: string) =>
  (await (await getDb()).user.findUniqueOrThrow({ where: { id } })).role;

beforeAll(() => resetTables());
afterAll(async () => closeDb(await getDb()));

describe("the admin command", () => {
  it("grants the admin role on DATABASE_URL only to an account with a passkey, by the address in any case, and revokes it", async () => {
    const person = await createTestAccount({
      email: "ops@example.com",
      phone: randomMobile("+3366"),
      emailVerified: true,
    });
    const env = { DATABASE_URL: TEST_DATABASE_URL };
    // The console asks for a passkey: no role before the account has one.
    expect(await admin(["grant", "ops@example.com"], env)).toEqual({
      code: 1,
      out: expect.stringContaining("has no passkey yet"),
    });
    expect(await role(person.id)).toBeNull();
    await savePasskey(person.id, "Laptop", {
      credentialId: randomBytes(16).toString("base64url"),
      publicKey: new Uint8Array([1]),
      counter: 0,
      transports: [],
    });
    const granted = await admin(["grant", "Ops@Example.com"], env);
    expect(granted).toEqual({
      code: 0,
      out: expect.stringContaining("now is an admin"),
    });
    expect(await role(person.id)).toBe("admin");
    expect((await admin(["grant", "ops@example.com"], env)).out).toContain(
      "already is an admin",
    );
    const revoked = await admin(["revoke", "ops@example.com"], env);
    expect(revoked.code).toBe(0);
    expect(await role(person.id)).toBeNull();
  });

  it("says so when no account has the address, and shows its usage when called wrong", async () => {
    const env = { DATABASE_URL: TEST_DATABASE_URL };
    const missing = await admin(["grant", "nobody@example.com"], env);
    expect(missing.code).toBe(1);
    expect(missing.out).toContain("No account has confirmed the address");
    const wrong = await admin(["promote", "x@example.com"], env);
    expect(wrong.code).toBe(2);
    expect(wrong.out).toContain("npm run admin:grant -- <email>");
  });

  it("refuses, saying why, while another process holds the embedded database", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "twostep-admin-"));
    const release = await holdFolder(dir);
    try {
      const busy = await admin(["grant", "ops@example.com"], {
        DATABASE_URL: "",
        PGLITE_DIR: dir,
      });
      expect(busy.code).toBe(3);
      expect(busy.out).toContain(
        `The embedded database in ${dir} is open in another process (pid ${process.pid})`,
      );
      expect(busy.out).toContain("Only one process can open it");
    } finally {
      await release();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
