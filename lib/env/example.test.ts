import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ENV_VARIABLES, parseEnv } from "@/lib/env";

const example = readFileSync(
  new URL("../../.env.example", import.meta.url),
  "utf8",
);
const documented = new Map<string, string>();
let comment = "";
let afterVariable = false;
for (const line of example.split("\n")) {
  if (line.startsWith("#")) comment = afterVariable ? line : comment + line;
  // Variables listed together share the comment above them.
  if (/^[A-Z0-9_]+=/.test(line))
    documented.set(line.slice(0, line.indexOf("=")), comment);
  if (line.trim() === "") comment = "";
  afterVariable = /^[A-Z0-9_]+=/.test(line);
}

describe(".env.example", () => {
  it("documents every variable the app reads, each with a comment", () => {
    for (const name of ENV_VARIABLES) {
      expect(documented.has(name), `${name} is missing`).toBe(true);
      expect(documented.get(name), `${name} has no comment`).not.toBe("");
    }
  });

  it("lists no variable the app does not read", () => {
    expect(
      [...documented.keys()].filter((k) => !ENV_VARIABLES.includes(k)),
    ).toEqual([]);
  });

  it("is a valid development environment as it stands", () => {
    const values = Object.fromEntries(
      [...example.matchAll(/^([A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]),
    );
    expect(() =>
      parseEnv({ ...values, NODE_ENV: "development" }),
    ).not.toThrow();
  });
});
