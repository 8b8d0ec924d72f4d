import { describe, expect, it } from "vitest";
import { newChallengeRecord } from "@/lib/store/types";
import { fromHash, toHash } from "@/lib/store/hash";
import { challengePhoneFacts } from "./phone-facts";

const landline = {
  valid: true,
  country: "FR",
  type: "FIXED_LINE",
  callingCode: "33",
} as const;
/** Not what the digits say: only a challenge that kept these could answer them. */
const kept = { ...landline, country: "GP", callingCode: "590" } as const;

const challenge = newChallengeRecord({
  id: "random.account",
  purpose: "login",
  userId: "u1",
  pendingEmail: null,
  pendingPasswordHash: null,
  phone: "+33123456789",
  phoneFacts: kept,
  createdAt: 0,
});

describe("a challenge's phone facts", () => {
  it("come back from the store as they went in", async () => {
    const read = fromHash(toHash(challenge))!;
    expect(read.phoneFacts).toEqual(kept);
    expect(await challengePhoneFacts(read)).toEqual(kept);
  });

  it("are read from the digits for a challenge stored before they were kept", async () => {
    const { phoneFacts, ...before } = toHash(challenge);
    expect(phoneFacts).toBeDefined();
    const read = fromHash(before)!;
    expect(read.phoneFacts).toBeNull();
    expect(await challengePhoneFacts(read)).toEqual(landline);
  });

  it("read as unknown from anything the store did not write", () => {
    for (const bad of [
      "",
      "{",
      "null",
      "[]",
      '{"country":"FR"}',
      '{"valid":"yes"}',
      '{"valid":true,"country":33}',
      '{"valid":true,"type":["MOBILE"]}',
    ])
      expect(
        fromHash({ ...toHash(challenge), phoneFacts: bad })?.phoneFacts,
      ).toBeNull();
  });
});
