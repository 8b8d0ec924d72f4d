import { afterEach, describe, expect, it, vi } from "vitest";
import { runAfterReply } from "./after-reply";

afterEach(() => vi.restoreAllMocks());

describe("runAfterReply outside a request", () => {
  it("runs the work before it resolves", async () => {
    const done: string[] = [];
    await runAfterReply("test", async () => {
      done.push("sent");
    });
    expect(done).toEqual(["sent"]);
  });

  it("logs a failure instead of throwing it", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(
      runAfterReply("notice", async () => {
        throw new Error("smtp down");
      }),
    ).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledWith("%s failed: %s", "notice", "smtp down");
  });
});
