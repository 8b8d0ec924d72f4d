import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/lib/db";
import { NOTICE_TEXTS_PER_ACCOUNT_PER_DAY } from "@/lib/limits/policy";
import { listOutbox } from "@/lib/messaging/outbox";
import { createTestAccount } from "@/test/support/accounts";
import { testContext } from "@/test/support/context";
import { resetTables } from "@/test/support/db";
import { createRecordingMessenger } from "@/test/support/messenger";
import { randomMobile } from "@/test/support/phones";
import { NOTICES, noticeWords } from "./catalogue";
import { notifyAccount } from "./notify";

// Security notices text the phone through the send budgets: a stranger who can set notices off
// over and over (pauses, say) cannot text the owner, at the operator's cost, without bound.

beforeAll(() => resetTables());
afterAll(async () => closeDb(await getDb()));

describe("a security notice's text", () => {
  it(`goes at most ${NOTICE_TEXTS_PER_ACCOUNT_PER_DAY} times a day per account; the email still goes every time`, async () => {
    const p = await createTestAccount({
      email: `told-${randomUUID()}@example.com`,
      phone: randomMobile("+3366"),
      emailVerified: true,
    });
    const messenger = createRecordingMessenger();
    const ctx = testContext({ messenger, later: (_, task) => task() });
    const times = NOTICE_TEXTS_PER_ACCOUNT_PER_DAY + 5;
    for (let i = 0; i < times; i++)
      await notifyAccount(ctx, p.id, NOTICES.passwordReset());
    expect(messenger.sms.filter((s) => s.to === p.phone)).toHaveLength(
      NOTICE_TEXTS_PER_ACCOUNT_PER_DAY,
    );
    const { subject } = noticeWords(NOTICES.passwordReset());
    expect(
      listOutbox(p.email).filter((e) => e.subject === subject),
    ).toHaveLength(times);
  });
});
