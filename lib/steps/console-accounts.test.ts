import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/lib/db";
import { rememberDevice } from "@/lib/devices/records";
import { startSession } from "@/lib/sessions";
import { createTestAccount } from "@/test/support/accounts";
import { accountContext } from "@/test/support/context";
import { resetTables } from "@/test/support/db";
import { randomMobile } from "@/test/support/phones";
import { generateRecoveryCodeSet } from "./generate-recovery-codes";
import {
  startAuthenticatorSetup,
  turnOnAuthenticator,
} from "./set-up-authenticator";
import { Secret, TOTP } from "otpauth";
import {
  CONSOLE_PAGE_SIZE,
  findAccounts,
  viewAccount,
} from "./console-accounts";

// What the console reads: accounts by email or phone, whole or a prefix, a page at a time; one
// account's state, with nothing in it that could sign anyone in.

beforeAll(() => resetTables());
afterAll(async () => closeDb(await getDb()));

describe("finding accounts in the console", () => {
  it("finds by the beginning of an address in any case, and by a phone number or its beginning", async () => {
    const tag = `f${randomInt(1e9)}`;
    const a = await createTestAccount({
      email: `${tag}.ana@example.com`,
      phone: randomMobile("+3365"),
    });
    await createTestAccount({
      email: `${tag}.bo@example.com`,
      phone: randomMobile("+3365"),
    });
    expect((await findAccounts(tag.toUpperCase(), 0)).accounts).toHaveLength(2);
    expect(
      (await findAccounts(`${tag}.ana@example.com`, 0)).accounts.map(
        (x) => x.id,
      ),
    ).toEqual([a.id]);
    const spaced = `${a.phone.slice(0, 4)} ${a.phone.slice(4, 7)} ${a.phone.slice(7)}`;
    expect(
      (await findAccounts(spaced, 0)).accounts.map((x) => x.email),
    ).toEqual([a.email]);
    expect(
      (await findAccounts(a.phone.slice(1, 9), 0)).accounts.map((x) => x.id),
    ).toContain(a.id);
    expect(await findAccounts("   ", 0)).toEqual({ accounts: [], more: false });
  });

  it("pages through the matches, saying when there are more", async () => {
    const tag = `p${randomInt(1e9)}`;
    for (let i = 0; i < CONSOLE_PAGE_SIZE + 1; i++)
      await createTestAccount({
        email: `${tag}-${String(i).padStart(2, "0")}@example.com`,
        phone: randomMobile("+3365"),
      });
    const first = await findAccounts(tag, 0);
    expect(first.accounts).toHaveLength(CONSOLE_PAGE_SIZE);
    expect(first.more).toBe(true);
    const second = await findAccounts(tag, 1);
    expect(second).toMatchObject({ more: false });
    expect(second.accounts.map((x) => x.email)).toEqual([
      `${tag}-20@example.com`,
    ]);
  });
});

describe("an account in the console", () => {
  it("shows its factors, sessions and devices by name and date, never a secret, hash, token or session id", async () => {
    const person = await createTestAccount({
      email: `v${randomInt(1e9)}@example.com`,
      phone: randomMobile("+3365"),
    });
    const ctx = accountContext(person);
    const setup = await startAuthenticatorSetup(ctx);
    if (!setup.ok) throw new Error(setup.error);
    const secret = Secret.fromBase32(setup.setupKey.replace(/\s/g, ""));
    expect((await turnOnAuthenticator(ctx, TOTP.generate({ secret }))).ok).toBe(
      true,
    );
    expect((await generateRecoveryCodeSet(ctx)).ok).toBe(true);
    const session = await startSession(person.id, {
      ip: "203.0.113.9",
      userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0",
    });
    const device = await rememberDevice(person.id, {});

    const viewed = await viewAccount(ctx, person.id);
    if (!viewed.ok) throw new Error(viewed.error);
    const a = viewed.account;
    expect(a.factors.map((f) => [f.kind, f.codesLeft])).toEqual([
      ["totp", null],
      ["recovery_codes", 10],
    ]);
    expect(a.sessions.map((s) => [s.name, s.ip])).toEqual([
      ["Chrome on Linux", "203.0.113.9"],
    ]);
    expect(a.devices).toHaveLength(1);
    expect(a.lock).toMatchObject({ codesOff: false, pausedClients: 0 });

    const db = await getDb();
    const secrets = [
      ...(await db.totpSecret.findMany()).map((t) => t.secretSealed),
      ...(await db.recoveryCode.findMany()).map((c) => c.codeHash),
      ...(await db.rememberedDevice.findMany()).map((d) => d.tokenHash),
      setup.setupKey.replace(/\s/g, ""),
      session.id,
      device.token,
    ];
    const shown = JSON.stringify(a);
    for (const s of secrets) expect(shown).not.toContain(s);
    expect(shown).not.toMatch(/passwordHash|tokenHash|codeHash|secret/i);
  });

  it("answers ACCOUNT_NOT_FOUND for an account that does not exist", async () => {
    const ctx = accountContext({ id: "nobody" });
    expect(await viewAccount(ctx, "nobody")).toMatchObject({
      ok: false,
      error: "ACCOUNT_NOT_FOUND",
    });
  });
});
