import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpRequester, UpstashError } from "./http";

interface Seen {
  path: string;
  auth: string;
  sync: string;
  body: unknown;
}

describe("the Upstash client's node:http requester", () => {
  const seen: Seen[] = [];
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        seen.push({
          path: req.url ?? "",
          auth: req.headers.authorization ?? "",
          sync: String(req.headers["upstash-sync-token"] ?? ""),
          body,
        });
        const bad = Array.isArray(body) && body[0] === "BAD";
        res.writeHead(bad ? 400 : 200, {
          "content-type": "application/json",
          "upstash-sync-token": `token-${seen.length}`,
        });
        res.end(
          JSON.stringify(
            bad ? { error: "ERR unknown command" } : { result: "ok" },
          ),
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it("posts the command as JSON with the token, to the pipeline path when asked", async () => {
    const requester = createHttpRequester({ url, token: "secret-token" });
    const reply = await requester.request({ body: ["GET", "k"] });
    await requester.request({ path: ["pipeline"], body: [["GET", "k"]] });
    expect(reply).toEqual({ result: "ok" });
    expect(seen.slice(-2).map((s) => [s.path, s.auth, s.body])).toEqual([
      ["/", "Bearer secret-token", ["GET", "k"]],
      ["/pipeline", "Bearer secret-token", [["GET", "k"]]],
    ]);
  });

  it("sends back the sync token of the previous reply, so each request reads the writes before it", async () => {
    const requester = createHttpRequester({ url, token: "t" });
    await requester.request({ body: ["SET", "k", "v"] });
    const issued = requester.upstashSyncToken;
    await requester.request({ body: ["GET", "k"] });
    expect(issued).toMatch(/^token-/);
    expect(seen.at(-1)!.sync).toBe(issued);
  });

  it("turns an error reply into an UpstashError that names the error but not the command", async () => {
    const requester = createHttpRequester({ url, token: "t" });
    const failed = requester.request({ body: ["BAD", "secret-argument"] });
    await expect(failed).rejects.toBeInstanceOf(UpstashError);
    await expect(failed).rejects.toThrow("ERR unknown command");
    await expect(failed).rejects.not.toThrow("secret-argument");
  });

  it("rejects when nothing listens, with no retry", async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const requester = createHttpRequester({
      url: `http://127.0.0.1:${port}`,
      token: "t",
    });
    await expect(requester.request({ body: ["PING"] })).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });
});
