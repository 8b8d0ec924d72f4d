import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  addToOutbox,
  clearOutbox,
  createOutboxMessenger,
  listOutbox,
  OUTBOX_CAPACITY,
} from "./outbox";

const A = "+14155550001";
const B = "+14155550002";

beforeEach(() => clearOutbox());

describe("outbox", () => {
  it("lists entries newest first", () => {
    addToOutbox({ channel: "sms", to: A, text: "first" });
    addToOutbox({ channel: "sms", to: A, text: "second" });
    addToOutbox({ channel: "voice", to: A, text: "third" });
    expect(listOutbox().map((e) => e.text)).toEqual([
      "third",
      "second",
      "first",
    ]);
  });

  it("filters by destination number", () => {
    addToOutbox({ channel: "sms", to: A, text: "for a" });
    addToOutbox({ channel: "sms", to: B, text: "for b" });
    expect(listOutbox(B).map((e) => e.text)).toEqual(["for b"]);
    expect(listOutbox("+10000000000")).toEqual([]);
  });

  it(`keeps only the newest ${OUTBOX_CAPACITY} entries`, () => {
    for (let i = 0; i < OUTBOX_CAPACITY + 5; i++)
      addToOutbox({ channel: "sms", to: A, text: `m${i}` });
    const list = listOutbox();
    expect(list).toHaveLength(OUTBOX_CAPACITY);
    expect(list[0]?.text).toBe(`m${OUTBOX_CAPACITY + 4}`);
    expect(list.at(-1)?.text).toBe("m5");
  });

  it("stamps entries with an ISO time", () => {
    const entry = addToOutbox({ channel: "sms", to: A, text: "x" });
    expect(new Date(entry.createdAt).toISOString()).toBe(entry.createdAt);
  });

  it("does not let callers change the stored list through a listing", () => {
    addToOutbox({ channel: "sms", to: A, text: "x" });
    listOutbox().pop();
    expect(listOutbox()).toHaveLength(1);
  });

  it("empties on clear", () => {
    addToOutbox({ channel: "sms", to: A, text: "x" });
    clearOutbox();
    expect(listOutbox()).toEqual([]);
  });

  it("is one list for every copy of the module, as Next's route bundles each load their own", async () => {
    addToOutbox({ channel: "sms", to: A, text: "shared" });
    vi.resetModules();
    const copy = await import("./outbox");
    expect(copy.listOutbox).not.toBe(listOutbox);
    expect(copy.listOutbox(A).map((e) => e.text)).toEqual(["shared"]);
  });
});

describe("outbox messenger", () => {
  it("records an SMS with its text and a call with the words it speaks", async () => {
    const m = createOutboxMessenger();
    const sms = await m.sendSms({ to: A, text: "Your code is 123456" });
    const call = await m.placeCall({
      to: A,
      answerUrl: "https://x/answer?call=t",
      spokenText: "1. 2. 3.",
    });
    expect(sms.id).not.toBe(call.id);
    expect(listOutbox(A)).toMatchObject([
      { channel: "voice", to: A, text: "1. 2. 3." },
      { channel: "sms", to: A, text: "Your code is 123456" },
    ]);
    await expect(m.check()).resolves.toBeUndefined();
    expect(m.kind).toBe("outbox");
  });
});
