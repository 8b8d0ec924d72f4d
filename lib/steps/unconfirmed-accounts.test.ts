import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { UNCONFIRMED_ACCOUNT_DAYS } from "@/lib/account/policy";
import { closeDb, getDb } from "@/lib/db";
import { getSessionStore, startSession } from "@/lib/sessions";
import { createTestAccount } from "@/test/support/accounts";
import { testContext } from "@/test/support/context";
import { resetTables } from "@/test/support/db";
import { randomMobile } from "@/test/support/phones";
import { purgeUnconfirmedAccounts } from "./unconfirmed-accounts";

// Accounts that never prove their address let it go: the purge a scheduled job runs, on a clock
// the test moves.

const DAY = 24 * 3600 * 1000;

beforeEach(() => resetTables());
afterAll(async () => closeDb(await getDb()));

const person = (email: string, emailVerified = false) =>
  createTestAccount({ email, phone: randomMobile("+3364"), emailVerified });

const exists = async (id: string) =>
  (await (await getDb()).user.count({ where: { id } })) === 1;

describe("purgeUnconfirmedAccounts", () => {
  it(`removes an account whose address is still unproven ${UNCONFIRMED_ACCOUNT_DAYS} days after it signed up, and nothing sooner`, async () => {
    const squatter = await person("victim@corp.example");
    const owner = await person("owner@corp.example", true);
    const session = await startSession(squatter.id);
    const signedUp = Date.now();
    const at = (ms: number) => testContext({ now: () => signedUp + ms });

    const early = await purgeUnconfirmedAccounts(
      at(UNCONFIRMED_ACCOUNT_DAYS * DAY - 60_000),
    );
    expect(early).toEqual({ removed: 0, more: false });
    expect(await exists(squatter.id)).toBe(true);

    const due = await purgeUnconfirmedAccounts(
      at(UNCONFIRMED_ACCOUNT_DAYS * DAY + 60_000),
    );
    expect(due).toEqual({ removed: 1, more: false });
    expect(await exists(squatter.id)).toBe(false);
    expect(await exists(owner.id)).toBe(true);
    const live = await getSessionStore().listSessions(squatter.id, Date.now());
    expect(live.map((s) => s.id)).not.toContain(session.id);
    // The address is free: the audit row stays, without the account.
    const [row] = await (
      await getDb()
    ).authEvent.findMany({ where: { type: "account_removed" } });
    expect(row).toMatchObject({
      userId: null,
      detail: { removedAccount: squatter.id },
    });
  });

  it("never removes an account that proved its address, however old", async () => {
    const owner = await person("owner@corp.example", true);
    const years = testContext({ now: () => Date.now() + 3650 * DAY });
    expect(await purgeUnconfirmedAccounts(years)).toEqual({
      removed: 0,
      more: false,
    });
    expect(await exists(owner.id)).toBe(true);
  });
});
