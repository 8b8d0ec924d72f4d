import { describe, expect, it } from "vitest";
import { describeError, describeWait } from "./describe-error";

describe("error wording", () => {
  it("adds the attempts left to a wrong code", () => {
    const error = {
      code: "WRONG_CODE",
      message: "That code is not right.",
      attemptsLeft: 1,
      final: false,
    } as const;
    expect(describeError(error)).toBe(
      "That code is not right. 1 attempt left.",
    );
  });

  it("says when to retry, in seconds, minutes or hours", () => {
    expect(describeWait(45)).toBe("45 s");
    expect(describeWait(300)).toBe("5 min");
    expect(describeWait(3600)).toBe("60 min");
    expect(describeWait(7200)).toBe("2 h");
    const error = {
      code: "ACCOUNT_LOCKED",
      message: "Locked.",
      retryAfterSeconds: 900,
      final: false,
    } as const;
    expect(describeError(error)).toBe("Locked. Try again in 15 min.");
  });
});
