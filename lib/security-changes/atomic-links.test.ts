import { randomBytes, randomUUID } from "node:crypto";
import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  vi,
} from "vitest";
import { setPasswordAfterReset } from "@/lib/account/email";
import { closeDb, getDb } from "@/lib/db";
import { hashPassword, verifyPassword } from "@/lib/password/hash";
import { changePassword } from "@/lib/steps/change-password";
import { createTestAccount } from "@/test/support/accounts";
import { accountContext } from "@/test/support/context";
import { resetTables } from "@/test/support/db";
import { createRecordingMessenger } from "@/test/support/messenger";
import { randomMobile } from "@/test/support/phones";
import { linksSpentBy } from "./apply";

// A change and the email links it spends are one transaction: if the links cannot be spent, the
// change is not made, so a reset link asked for before a password change can never act after it.

const PASSWORD = "correct horse battery 1";
const NEW_PASSWORD = "another long passphrase 2";

beforeAll(() => resetTables());
afterEach(() => vi.restoreAllMocks());
afterAll(async () => closeDb(await getDb()));

async function personWithResetLink() {
  const person = await createTestAccount({
    email: `atomic-${randomUUID()}@example.com`,
    phone: randomMobile("+3367"),
    password: PASSWORD,
    emailVerified: true,
  });
  const db = await getDb();
  await db.emailLink.create({
    data: {
      userId: person.id,
      email: person.email,
      purpose: "reset_password",
      tokenHash: randomBytes(32).toString("base64url"),
      expiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  return person;
}

/** Spending links fails from now on, as a dropped connection would fail it. */
async function failLinkSpending() {
  const db = await getDb();
  vi.spyOn(db.emailLink, "updateMany").mockImplementation(() => {
    throw new Error("connection lost");
  });
}

async function stored(userId: string) {
  const db = await getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  const live = await db.emailLink.count({
    where: { userId, purpose: "reset_password", usedAt: null },
  });
  return { passwordHash: user.passwordHash, live };
}

describe("a change and the links it spends", () => {
  it("leave the password as it was when a password change cannot spend the reset links", async () => {
    const person = await personWithResetLink();
    const ctx = accountContext(person, {
      messenger: createRecordingMessenger(),
    });
    const before = await stored(person.id);
    await failLinkSpending();
    await expect(
      changePassword(ctx, {
        currentPassword: PASSWORD,
        newPassword: NEW_PASSWORD,
      }),
    ).rejects.toThrow();
    vi.restoreAllMocks();
    expect(await stored(person.id)).toEqual(before);
    expect(before.live).toBe(1);
  });

  it("leave the password as it was when a reset cannot spend the other reset links", async () => {
    const person = await personWithResetLink();
    const before = await stored(person.id);
    const hash = await hashPassword(NEW_PASSWORD);
    await failLinkSpending();
    await expect(
      setPasswordAfterReset(person.id, hash, {
        purposes: linksSpentBy("password_reset"),
        at: new Date(),
      }),
    ).rejects.toThrow();
    vi.restoreAllMocks();
    const after = await stored(person.id);
    expect(after).toEqual(before);
    expect(await verifyPassword(after.passwordHash, PASSWORD)).toBe(true);
  });
});
