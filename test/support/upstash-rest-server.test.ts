import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha1, stripUpstashFlags } from "@/test/support/upstash-scripts";
import { makeTestPrefix, startTestUpstash } from "@/test/support/redis";
import { createUpstashRedis } from "@/lib/redis/client";

// The local stand-in for Upstash must answer like Upstash, or the store tests prove nothing.

describe("Upstash REST server", () => {
  let server: Awaited<ReturnType<typeof startTestUpstash>>;
  const prefix = makeTestPrefix("rest");
  const key = (name: string) => `${prefix}${name}`;

  beforeAll(async () => void (server = await startTestUpstash()));
  afterAll(async () => {
    await call("/", ["DEL", key("s"), key("l"), key("p"), key("m")]);
    await server.close();
  });

  async function call(
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    const res = await fetch(server.url + path, {
      method: "POST",
      headers: { authorization: `Bearer ${server.token}`, ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  }

  it("turns away requests without the right bearer token", async () => {
    for (const authorization of ["", "Bearer wrong", `Basic ${server.token}`]) {
      const res = await fetch(server.url, {
        method: "POST",
        headers: { authorization },
        body: '["PING"]',
      });
      expect(res.status).toBe(401);
    }
  });

  it("answers the readiness probe without a token", async () => {
    expect((await fetch(`${server.url}/ping`)).status).toBe(200);
  });

  it("runs one command and returns its result", async () => {
    expect(await call("/", ["SET", key("s"), "012345", "EX", 60])).toEqual({
      status: 200,
      body: { result: "OK" },
    });
    expect(await call("/", ["GET", key("s")])).toEqual({
      status: 200,
      body: { result: "012345" },
    });
    expect(await call("/", ["GET", key("missing")])).toEqual({
      status: 200,
      body: { result: null },
    });
  });

  it("base64-encodes strings, nested ones too, when asked", async () => {
    const b64 = { "upstash-encoding": "base64" };
    await call("/", ["RPUSH", key("l"), "héllo", "2"]);
    await call("/", ["EXPIRE", key("l"), 60]);
    expect((await call("/", ["LRANGE", key("l"), 0, -1], b64)).body).toEqual({
      result: [
        Buffer.from("héllo").toString("base64"),
        Buffer.from("2").toString("base64"),
      ],
    });
    expect((await call("/", ["LLEN", key("l")], b64)).body).toEqual({
      result: 2,
    });
    expect(
      (await call("/", ["SET", key("s"), "x", "EX", 60], b64)).body,
    ).toEqual({ result: "OK" });
  });

  it("returns a failing command as an error", async () => {
    expect(await call("/", ["NOSUCHCOMMAND"])).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/^ERR/) },
    });
    expect(await call("/", "not an array")).toMatchObject({ status: 400 });
  });

  it("runs a pipeline and reports each command's result or error", async () => {
    const { status, body } = await call("/pipeline", [
      ["SET", key("p"), "1", "EX", 60],
      ["INCR", key("p")],
      ["LPUSH", key("p"), "x"],
    ]);
    expect(status).toBe(200);
    expect(body).toEqual([
      { result: "OK" },
      { result: 2 },
      { error: expect.stringMatching(/^WRONGTYPE/) },
    ]);
  });

  it("wraps multi-exec in a transaction and aborts it on a malformed command", async () => {
    const ok = await call("/multi-exec", [
      ["SET", key("m"), "5", "EX", 60],
      ["INCRBY", key("m"), 2],
      ["GET", key("m")],
    ]);
    expect(ok).toEqual({
      status: 200,
      body: [{ result: "OK" }, { result: 7 }, { result: "7" }],
    });
    const aborted = await call("/multi-exec", [["INCR", key("m")], ["GET"]]);
    expect(aborted).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/wrong number of arguments/) },
    });
    expect((await call("/", ["GET", key("m")])).body).toEqual({ result: "7" });
  });

  it("serves the official client with its default options", async () => {
    const redis = createUpstashRedis({ url: server.url, token: server.token });
    expect(
      await redis.eval("return {ARGV[1], 7, false}", [], ["héllo wörld"]),
    ).toEqual(["héllo wörld", 7, null]);
    expect(await redis.ping()).toBe("PONG");
  });

  // A fresh script text each run, so Redis has never cached it and the first EVALSHA must miss.
  const flagged = (flags: string, body = "return ARGV[1]") =>
    `#!lua flags=${flags}\n-- ${randomUUID()}\n${body}`;

  it("runs a script carrying Upstash's allow-key-locking flag, keeping its other flags", async () => {
    expect(
      await call("/", ["EVAL", flagged("allow-key-locking"), 0, "hi"]),
    ).toEqual({ status: 200, body: { result: "hi" } });
    // EVAL_RO only runs scripts flagged no-writes: the flag survived the stripping.
    const readOnly = flagged("no-writes,allow-key-locking");
    expect(await call("/", ["EVAL_RO", readOnly, 0, "ro"])).toEqual({
      status: 200,
      body: { result: "ro" },
    });
    const writes = flagged(
      "allow-key-locking",
      "return redis.call('DEL', 'x')",
    );
    expect(await call("/", ["EVAL_RO", writes, 0])).toMatchObject({
      status: 400,
    });
  });

  it("answers SCRIPT LOAD with the SHA of the script as sent, and runs it by that SHA", async () => {
    const script = flagged("allow-key-locking");
    expect(await call("/", ["SCRIPT", "LOAD", script])).toEqual({
      status: 200,
      body: { result: sha1(script) },
    });
    expect(await call("/", ["EVALSHA", sha1(script), 0, "x"])).toEqual({
      status: 200,
      body: { result: "x" },
    });
    expect((await call("/", ["SCRIPT", "EXISTS", sha1(script)])).body).toEqual({
      result: [1],
    });
  });

  it("finds a flagged script by the client's SHA after EVAL, in a pipeline too", async () => {
    const script = flagged("allow-key-locking");
    const evalsha = ["EVALSHA", sha1(script), 0, "y"];
    expect(await call("/", evalsha)).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/^NOSCRIPT/) },
    });
    await call("/", ["EVAL", script, 0, "y"]);
    expect((await call("/pipeline", [evalsha, evalsha])).body).toEqual([
      { result: "y" },
      { result: "y" },
    ]);
    expect((await call("/multi-exec", [evalsha])).body).toEqual([
      { result: "y" },
    ]);
  });

  it("strips only Upstash's flag from the shebang", () => {
    const body = "\nreturn 1";
    expect(stripUpstashFlags(`#!lua flags=allow-key-locking${body}`)).toBe(
      `#!lua${body}`,
    );
    expect(
      stripUpstashFlags(`#!lua flags=no-writes,allow-key-locking${body}`),
    ).toBe(`#!lua flags=no-writes${body}`);
    for (const same of [`#!lua flags=no-writes${body}`, `return 1`, "#!lua"])
      expect(stripUpstashFlags(same)).toBe(same);
  });
});
