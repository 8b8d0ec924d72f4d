import { describe, expect, it } from "vitest";
import { batchCommands, MAX_COMMANDS_PER_BATCH } from "./batch";
import { UpstashError, type HttpRequester, type UpstashRequest } from "./http";

type Answer = (req: UpstashRequest) => Promise<unknown>;

/** A requester that records what it was asked and answers as `answer` says. */
function fakeRequester(answer: Answer) {
  const sent: UpstashRequest[] = [];
  const requester: HttpRequester = {
    readYourWrites: true,
    upstashSyncToken: "",
    request<T>(req: UpstashRequest) {
      sent.push(req);
      return answer(req) as Promise<T>;
    },
  };
  return { requester, sent };
}

/** Echoes each command back as its result; a command named ERR fails with its argument. */
const echo: Answer = async (req) => {
  const reply = (command: unknown) => {
    const [name, arg] = command as string[];
    return name === "ERR" ? { error: arg } : { result: command };
  };
  return req.path?.[0] === "pipeline"
    ? (req.body as unknown[]).map(reply)
    : reply(req.body);
};

describe("batched Upstash commands", () => {
  it("sends the commands of one event-loop turn as one pipeline, each caller getting its own reply", async () => {
    const { requester, sent } = fakeRequester(echo);
    const batched = batchCommands(requester);
    const replies = await Promise.all(
      ["a", "b", "c"].map((k) => batched.request({ body: ["GET", k] })),
    );
    expect(sent).toEqual([
      {
        path: ["pipeline"],
        body: [
          ["GET", "a"],
          ["GET", "b"],
          ["GET", "c"],
        ],
      },
    ]);
    expect(replies).toEqual([
      { result: ["GET", "a"] },
      { result: ["GET", "b"] },
      { result: ["GET", "c"] },
    ]);
  });

  it("sends a lone command alone, as the client would", async () => {
    const { requester, sent } = fakeRequester(echo);
    const batched = batchCommands(requester);
    await batched.request({ body: ["GET", "a"] });
    await batched.request({ body: ["GET", "b"] });
    expect(sent).toEqual([{ body: ["GET", "a"] }, { body: ["GET", "b"] }]);
  });

  it("rejects only the caller whose command failed, with its error", async () => {
    const { requester } = fakeRequester(echo);
    const batched = batchCommands(requester);
    const [good, bad] = await Promise.allSettled([
      batched.request({ body: ["GET", "a"] }),
      batched.request({ body: ["ERR", "NOSCRIPT No matching script"] }),
    ]);
    expect(good).toEqual({
      status: "fulfilled",
      value: { result: ["GET", "a"] },
    });
    expect(bad.status).toBe("rejected");
    const reason = (bad as PromiseRejectedResult).reason as Error;
    expect(reason).toBeInstanceOf(UpstashError);
    expect(reason.message).toBe("NOSCRIPT No matching script");
  });

  it("rejects every caller of a pipeline whose request failed", async () => {
    const down = new Error("connect ECONNREFUSED");
    const { requester } = fakeRequester(() => Promise.reject(down));
    const batched = batchCommands(requester);
    const results = await Promise.allSettled([
      batched.request({ body: ["GET", "a"] }),
      batched.request({ body: ["GET", "b"] }),
    ]);
    expect(results).toEqual([
      { status: "rejected", reason: down },
      { status: "rejected", reason: down },
    ]);
  });

  it("rejects a caller whose command the pipeline's reply leaves out", async () => {
    const { requester } = fakeRequester(async () => [{ result: "only one" }]);
    const batched = batchCommands(requester);
    const [first, second] = await Promise.allSettled([
      batched.request({ body: ["GET", "a"] }),
      batched.request({ body: ["GET", "b"] }),
    ]);
    expect(first).toEqual({
      status: "fulfilled",
      value: { result: "only one" },
    });
    expect((second as PromiseRejectedResult).reason).toBeInstanceOf(
      UpstashError,
    );
  });

  it("passes the client's own pipelines, transactions and commands with headers through as they are", async () => {
    const { requester, sent } = fakeRequester(echo);
    const batched = batchCommands(requester);
    const own = [
      { path: ["pipeline"], body: [["GET", "a"]] },
      { path: ["multi-exec"], body: [["GET", "b"]] },
      { body: ["GET", "c"], headers: { "upstash-x": "1" } },
    ];
    await Promise.all(own.map((req) => batched.request(req)));
    expect(sent).toEqual(own);
  });

  it("sends a blocking command on its own, so it holds up no other caller", async () => {
    const { requester, sent } = fakeRequester(echo);
    const batched = batchCommands(requester);
    await Promise.all([
      batched.request({ body: ["GET", "a"] }),
      batched.request({ body: ["BLPOP", "queue", 5] }),
      batched.request({ body: ["GET", "b"] }),
    ]);
    expect(sent).toEqual([
      { body: ["BLPOP", "queue", 5] },
      {
        path: ["pipeline"],
        body: [
          ["GET", "a"],
          ["GET", "b"],
        ],
      },
    ]);
  });

  it("takes an entry with an empty error for a reply, as the client does", async () => {
    const { requester } = fakeRequester(async () => [
      { result: "a", error: null },
      { result: "b" },
    ]);
    const batched = batchCommands(requester);
    const replies = await Promise.all([
      batched.request({ body: ["GET", "a"] }),
      batched.request({ body: ["GET", "b"] }),
    ]);
    expect(replies.map((r) => r.result)).toEqual(["a", "b"]);
  });

  it("gives every caller the error of a reply that is not a list", async () => {
    const { requester } = fakeRequester(async () => ({ error: "ERR busy" }));
    const batched = batchCommands(requester);
    const results = await Promise.allSettled([
      batched.request({ body: ["GET", "a"] }),
      batched.request({ body: ["GET", "b"] }),
    ]);
    for (const r of results) {
      expect(r.status).toBe("rejected");
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(UpstashError);
      expect((r as PromiseRejectedResult).reason.message).toBe("ERR busy");
    }
  });

  it("rejects the callers of a requester that throws instead of rejecting, and still sends the rest", async () => {
    const broken = new Error("cannot build the request");
    let calls = 0;
    const { requester, sent } = fakeRequester((req) => {
      if (calls++ === 0) throw broken;
      return echo(req);
    });
    const batched = batchCommands(requester);
    const keys = Array.from(
      { length: MAX_COMMANDS_PER_BATCH + 1 },
      (_, i) => `k${i}`,
    );
    const results = await Promise.allSettled(
      keys.map((k) => batched.request({ body: ["GET", k] })),
    );
    const rejected = results.filter((r) => r.status === "rejected");
    expect(rejected).toHaveLength(MAX_COMMANDS_PER_BATCH);
    expect(rejected.every((r) => r.reason === broken)).toBe(true);
    expect(results.at(-1)).toEqual({
      status: "fulfilled",
      value: { result: ["GET", `k${MAX_COMMANDS_PER_BATCH}`] },
    });
    expect(sent).toHaveLength(2);
  });

  it("splits a burst into pipelines of at most MAX_COMMANDS_PER_BATCH commands, in order", async () => {
    const { requester, sent } = fakeRequester(echo);
    const batched = batchCommands(requester);
    const count = MAX_COMMANDS_PER_BATCH * 2 + 1;
    const keys = Array.from({ length: count }, (_, i) => `k${i}`);
    const replies = await Promise.all(
      keys.map((k) => batched.request({ body: ["GET", k] })),
    );
    expect(
      sent.map((r) => (r.path ? (r.body as unknown[]).length : 1)),
    ).toEqual([MAX_COMMANDS_PER_BATCH, MAX_COMMANDS_PER_BATCH, 1]);
    expect(replies.map((r) => (r.result as string[])[1])).toEqual(keys);
  });

  it("reads and writes the sync token on the requester underneath", () => {
    const { requester } = fakeRequester(echo);
    const batched = batchCommands(requester);
    batched.upstashSyncToken = "token-1";
    expect(requester.upstashSyncToken).toBe("token-1");
    requester.readYourWrites = false;
    expect(batched.readYourWrites).toBe(false);
  });
});
