import { createHash } from "node:crypto";

// Upstash accepts a Lua shebang flag stock Redis refuses ("Unexpected flag in script shebang"):
// allow-key-locking, which lets Upstash lock only the keys a script names. On single-threaded
// Redis it changes nothing, so the stand-in strips it before Redis sees the script. Upstash hashes
// the script it was given, and clients rely on that (@upstash/ratelimit hashes its own text and
// calls EVALSHA first), so SHAs are translated between the client's text and the stripped one.

const UPSTASH_ONLY_FLAGS = new Set(["allow-key-locking"]);

export const sha1 = (text: string) =>
  createHash("sha1").update(text).digest("hex");

/** The script without Upstash-only flags; `#!lua` stays when no flag is left. */
export function stripUpstashFlags(script: string): string {
  const eol = script.indexOf("\n");
  const first = eol < 0 ? script : script.slice(0, eol);
  const shebang = /^#!lua(\s.*)?$/.exec(first.replace(/\r$/, ""));
  if (!shebang) return script;
  const words = (shebang[1] ?? "").trim().split(/\s+/).filter(Boolean);
  const kept = words.flatMap((word) => {
    if (!word.startsWith("flags=")) return [word];
    const flags = word.slice(6).split(",");
    const left = flags.filter((f) => !UPSTASH_ONLY_FLAGS.has(f));
    if (left.length === flags.length) return [word];
    return left.length ? [`flags=${left.join(",")}`] : [];
  });
  if (kept.join(" ") === words.join(" ")) return script;
  const line = ["#!lua", ...kept].join(" ");
  return eol < 0
    ? line
    : line + script.slice(first.endsWith("\r") ? eol - 1 : eol);
}

export interface ScriptCommand {
  /** The command as Redis must get it. */
  args: string[];
  /** SCRIPT LOAD: the SHA to answer instead of Redis's (the hash of the client's text). */
  sha?: string;
}

/** Rewrites EVAL, EVALSHA, SCRIPT LOAD and SCRIPT EXISTS; other commands pass unchanged. */
export function createScriptTranslator() {
  // The client's SHA → the SHA Redis knows the stripped script by; only scripts that changed.
  const redisSha = new Map<string, string>();
  const toRedis = (sha: string) => redisSha.get(sha.toLowerCase()) ?? sha;
  function strip(script: string): string {
    const stripped = stripUpstashFlags(script);
    if (stripped !== script) redisSha.set(sha1(script), sha1(stripped));
    return stripped;
  }

  return function translate(args: string[]): ScriptCommand {
    const [name = "", first, ...rest] = args;
    if (first === undefined) return { args };
    switch (name.toUpperCase()) {
      case "EVAL":
      case "EVAL_RO":
        return { args: [name, strip(first), ...rest] };
      case "EVALSHA":
      case "EVALSHA_RO":
        return { args: [name, toRedis(first), ...rest] };
      case "SCRIPT": {
        const sub = first.toUpperCase();
        if (sub === "LOAD" && rest[0] !== undefined)
          return { args: [name, first, strip(rest[0])], sha: sha1(rest[0]) };
        if (sub === "EXISTS")
          return { args: [name, first, ...rest.map(toRedis)] };
        return { args };
      }
      default:
        return { args };
    }
  };
}
