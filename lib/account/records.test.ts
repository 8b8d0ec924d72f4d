import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { findAccountsByEmail } from "./email";
import { createAccount } from "./records";
import { closeDb, getDb } from "@/lib/db";
import { resetTables } from "@/test/support/db";

beforeEach(() => resetTables());
afterAll(async () => closeDb(await getDb()));

const ADA = {
  email: "ada@example.com",
  passwordHash: "h1",
  phone: "+14155550132",
};

async function rowCounts() {
  const db = await getDb();
  return { users: await db.user.count(), phones: await db.phone.count() };
}

describe("createAccount", () => {
  it("creates the user with the phone already verified", async () => {
    const result = await createAccount(ADA);
    expect(result.ok).toBe(true);
    const [user] = await findAccountsByEmail(ADA.email);
    expect(user).toMatchObject({ email: ADA.email, passwordHash: "h1" });
    expect(user?.phones).toHaveLength(1);
    expect(user?.phones[0]).toMatchObject({
      number: ADA.phone,
      verifiedNumber: ADA.phone,
    });
    expect(user?.phones[0]?.verifiedAt).toBeInstanceOf(Date);
    expect(result.ok && result.userId).toBe(user?.id);
  });

  it("lets a second sign-up name an address no account has proven, with its own phone", async () => {
    await createAccount(ADA);
    const result = await createAccount({ ...ADA, phone: "+14155550133" });
    expect(result.ok).toBe(true);
    expect(await rowCounts()).toEqual({ users: 2, phones: 2 });
    expect(await findAccountsByEmail(ADA.email)).toHaveLength(2);
  });

  it("answers PHONE_TAKEN for a number verified elsewhere and leaves no user behind", async () => {
    await createAccount(ADA);
    const before = await rowCounts();
    const result = await createAccount({ ...ADA, email: "bob@example.com" });
    expect(result).toEqual({ ok: false, error: "PHONE_TAKEN" });
    expect(await rowCounts()).toEqual(before);
    expect(await findAccountsByEmail("bob@example.com")).toEqual([]);
  });
});

describe("findAccountsByEmail", () => {
  it("finds nobody for an unknown email", async () => {
    expect(await findAccountsByEmail("nobody@example.com")).toEqual([]);
  });
});
