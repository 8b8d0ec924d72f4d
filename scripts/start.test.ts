import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startNext, WARM_UP } from "./start.mjs";

// A stand-in for `next start` that behaves as Next 16 does: it opens its port and prints "Ready",
// then spends a while getting ready before it answers. It logs every request it answers, and each line of
// output, to its stdout.
const FAKE_NEXT = `
const http = require("node:http");
const port = Number(process.argv[process.argv.indexOf("-p") + 1]);
const log = (line) => process.stdout.write(line + "\\n");
if (process.env.FAKE_EXIT) { log("- Local:        http://127.0.0.1:" + port); process.exit(3); }
const started = Date.now();
// Like Next, the port is open when "Ready" is printed; requests wait until start-up is done.
http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => setTimeout(() => {
    log("served " + req.method + " " + req.url + " " + body);
    res.end("ok");
  }, Math.max(0, started + 300 - Date.now())));
}).listen(port, "127.0.0.1", () => {
  log("   ▲ Next.js 16 (stand-in)");
  log("   - Local:        http://127.0.0.1:" + port);
  log(" ✓ Ready in 5ms");
});
`;

async function fakeProject(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "twostep-start-"));
  const bin = path.join(dir, "node_modules/next/dist/bin");
  await mkdir(bin, { recursive: true });
  await writeFile(path.join(dir, "node_modules/next/package.json"), "{}");
  await writeFile(path.join(bin, "next"), FAKE_NEXT);
  return dir;
}

/** A port the system just handed out and took back: free, unlike a guess in the ephemeral range. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

describe("npm start", () => {
  it("prints Ready only after the server has answered every warm-up request", async () => {
    const cwd = await fakeProject();
    const lines: string[] = [];
    const { child, ready } = startNext({
      args: ["-p", String(await freePort())],
      cwd,
      write: (text) => lines.push(text.trimEnd()),
    });
    try {
      await ready;
      const readyAt = lines.findIndex((l) => l.includes("Ready in"));
      const served = lines.filter((l) => l.startsWith("served "));
      expect(served).toEqual(
        WARM_UP.map((w) =>
          `served ${w.method} ${w.path} ${w.body ?? ""}`.trimEnd(),
        ),
      );
      expect(readyAt).toBeGreaterThan(lines.indexOf(served.at(-1)!));
      expect(lines.slice(0, 2)).toEqual([
        "   ▲ Next.js 16 (stand-in)",
        expect.stringContaining("- Local:"),
      ]);
      // The time it shows is the wait until the server answered, not Next's own 5 ms.
      expect(lines[readyAt]).toMatch(/^ ✓ Ready in \d+\.\ds$/);
      expect(lines[readyAt]).not.toContain("5ms");
    } finally {
      child.kill();
    }
  });

  it("ends with next start's exit when it stops before it is ready", async () => {
    const cwd = await fakeProject();
    const { child, ready } = startNext({
      args: ["-p", String(await freePort())],
      cwd,
      env: { ...process.env, FAKE_EXIT: "1" },
      write: () => {},
    });
    await expect(ready).rejects.toThrow("next start exited with 3");
    expect(child.exitCode).toBe(3);
  });
});
