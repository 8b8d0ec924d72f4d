import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { findAccountByEmail } from "./email";
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
    const user = await findAccountByEmail(ADA.email);
    expect(user).toMatchObject({ email: ADA.email, passwordHash: "h1" });
    expect(user?.phones).toHaveLength(1);
    expect(user?.phones[0]).toMatchObject({
      number: ADA.phone,
      verifiedNumber: ADA.phone,
    });
    expect(user?.phones[0]?.verifiedAt).toBeInstanceOf(Date);
    expect(result.ok && result.userId).toBe(user?.id);
  });

  it("answers EMAIL_TAKEN for a used email and adds no rows", async () => {
    await createAccount(ADA);
    const before = await rowCounts();
    const result = await createAccount({ ...ADA, phone: "+14155550133" });
    expect(result).toEqual({ ok: false, error: "EMAIL_TAKEN" });
    expect(await rowCounts()).toEqual(before);
  });

  it("answers PHONE_TAKEN for a number verified elsewhere and leaves no user behind", async () => {
    await createAccount(ADA);
    const before = await rowCounts();
    const result = await createAccount({ ...ADA, email: "bob@example.com" });
    expect(result).toEqual({ ok: false, error: "PHONE_TAKEN" });
    expect(await rowCounts()).toEqual(before);
    expect(await findAccountByEmail("bob@example.com")).toBeNull();
  });
});

describe("findAccountByEmail", () => {
  it("finds nobody for an unknown email", async () => {
    expect(await findAccountByEmail("nobody@example.com")).toBeNull();
  });
});
