import { readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { STAGE_DIR } from "./stage";

// What a serverless function of the bench build carries, read from the build's own file traces:
// `next build` writes beside each route's compiled entry a `.nft.json` listing every file the entry
// needs at run time (its chunks, the packages it loads, the instrumentation every function runs).
// A function is that entry, its trace and the trace of the minimal Next server that serves it,
// each file counted once (after symlinks).

const DIST = path.join(STAGE_DIR, ".next");
const SERVER_TRACE = "next-minimal-server.js.nft.json";

export interface FunctionSize {
  name: string;
  files: number;
  mb: number;
  /** The heaviest packages (or the build's own output), MB each. */
  top: { where: string; mb: number }[];
  largestFile: { file: string; mb: number };
}

/** The routes the cold starts time, and the proxy, by their compiled entry under .next. */
export const FUNCTIONS: { name: string; entry: string }[] = [
  { name: "floor route", entry: "server/app/api/bench/floor/route.js" },
  { name: "/api/login", entry: "server/app/api/login/route.js" },
  { name: "/api/otp/verify", entry: "server/app/api/otp/verify/route.js" },
  { name: "/api/otp/send", entry: "server/app/api/otp/send/route.js" },
  { name: "/login", entry: "server/app/login/page.js" },
  { name: "/account", entry: "server/app/account/page.js" },
  { name: "proxy (middleware)", entry: "server/middleware.js" },
];

async function traced(trace: string): Promise<string[]> {
  const file = path.join(DIST, trace);
  const { files } = JSON.parse(await readFile(file, "utf8")) as {
    files: string[];
  };
  return files.map((f) => path.resolve(path.dirname(file), f));
}

function whereOf(file: string): string {
  const pkg = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1]!;
  return file.startsWith(DIST) ? "the build's own output (.next)" : "other";
}

const mbOf = (bytes: number) => Math.round((bytes / 1024 / 1024) * 100) / 100;

export async function measureFunction(
  name: string,
  entry: string,
): Promise<FunctionSize> {
  const listed = [
    path.join(DIST, entry),
    ...(await traced(`${entry}.nft.json`)),
    ...(await traced(SERVER_TRACE)),
  ];
  const sizes = new Map<string, number>();
  for (const file of listed) {
    const real = await realpath(file).catch(() => null);
    if (!real || sizes.has(real)) continue;
    const info = await stat(real);
    if (info.isFile()) sizes.set(real, info.size);
  }
  const byWhere = new Map<string, number>();
  let total = 0;
  let largest: [string, number] = ["", 0];
  for (const [file, size] of sizes) {
    total += size;
    const where = whereOf(file);
    byWhere.set(where, (byWhere.get(where) ?? 0) + size);
    if (size > largest[1]) largest = [file, size];
  }
  return {
    name,
    files: sizes.size,
    mb: mbOf(total),
    top: [...byWhere]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([where, bytes]) => ({ where, mb: mbOf(bytes) })),
    largestFile: {
      file: largest[0]
        .replace(/^.*\/node_modules\//, "")
        .replace(DIST, ".next"),
      mb: mbOf(largest[1]),
    },
  };
}

export const measureFunctions = () =>
  Promise.all(FUNCTIONS.map((f) => measureFunction(f.name, f.entry)));
