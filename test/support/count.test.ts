import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, closeDb } from "@/lib/db";
import { TEST_DATABASE_URL } from "./db";
import { countQueries, countRoundTrips } from "./count";

/** One request through http.request, as the app's Upstash client sends them. */
const post = (options: http.RequestOptions) =>
  new Promise<void>((resolve, reject) => {
    const req = http.request({ ...options, method: "POST" }, (res) => {
      res.resume();
      res.on("end", resolve);
    });
    req.on("error", reject);
    req.end("[]");
  });

describe("the harness's counters", () => {
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    server = http.createServer((_req, res) => res.end("ok"));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it("counts the requests sent to one base URL and no others, by fetch or http.request", async () => {
    const trips = countRoundTrips(`${url}/upstash`);
    try {
      await (await fetch(`${url}/upstash`, { method: "POST" })).text();
      await (await fetch(new Request(`${url}/upstash/pipeline`))).text();
      await (await fetch(`${url}/elsewhere`)).text();
      expect(trips.count).toBe(2);
      const { port } = new URL(url);
      await post({ hostname: "127.0.0.1", port, path: "/upstash" });
      await post({ hostname: "127.0.0.1", port, path: "/elsewhere" });
      expect(trips.count).toBe(3);
    } finally {
      trips.stop();
    }
    await (await fetch(`${url}/upstash`)).text();
    expect(trips.count).toBe(3);
  });

  it("counts every SQL statement a Prisma client sends, transactions included", async () => {
    const db = await createDb({ databaseUrl: TEST_DATABASE_URL });
    const queries = countQueries();
    try {
      await db.user.findFirst({ where: { email: "nobody@example.com" } });
      expect(queries.count).toBe(1);
      const before = queries.count;
      await db.$transaction(async (tx) => {
        await tx.user.count();
        await tx.phone.count();
      });
      // BEGIN, two counts, COMMIT.
      expect(queries.count - before).toBe(4);
    } finally {
      queries.stop();
      await closeDb(db);
    }
  });
});
