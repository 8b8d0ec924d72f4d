import "server-only";
import type { RunScript } from "@/lib/redis/client";
import {
  countryField,
  dayExpiresAt,
  dayNumber,
  FIGURE_DAYS,
  refusalField,
  slotExpiresAt,
  slotNumber,
  SLOTS,
  toDayFigures,
  type BreakerScope,
  type MessageCounters,
  type Trip,
} from "./messages";
import { CONSUME, COUNT, READ, SEND, SET_TRIP } from "./scripts";
import type { Limiter, SendDecision } from "./types";
import { secondsUntil, windowAt } from "./types";

// Send limits on the shared Redis: every call is one Lua script, so one HTTP request. Not
// @upstash/ratelimit (used for password attempts: login-upstash.ts says why not here).

export const DEFAULT_LIMIT_PREFIX = "twostep:limit:";

/** "trippedAt:sends:verified", as the send script writes what tripped a breaker. */
function toTrip(scope: string, until: number, tripped: string): Trip {
  const [at, sends, verified] = tripped.split(":").map(Number);
  return {
    scope: scope as BreakerScope,
    until,
    trippedAt: at || 0,
    sends: sends || 0,
    verified: verified || 0,
  };
}

/** HGETALL's flat reply as a map of counts. */
function toCounts(flat: unknown): Map<string, number> {
  const list = Array.isArray(flat) ? flat.map(String) : [];
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < list.length; i += 2)
    counts.set(list[i]!, Number(list[i + 1]));
  return counts;
}

export function createUpstashLimiter(
  run: RunScript,
  prefix = DEFAULT_LIMIT_PREFIX,
): Limiter {
  const figKey = (day: number) => `${prefix}fig:${day}`;
  const slotKey = (slot: number) => `${prefix}brk:${slot}`;
  const tripsKey = `${prefix}trips`;
  const trippedKey = `${prefix}trips:why`;

  const messages: MessageCounters = {
    async count(event, now) {
      const day = dayNumber(now);
      const slot = slotNumber(now);
      const field =
        event.kind === "refused"
          ? refusalField(event.reason)
          : countryField(event.country, event.kind);
      const scopes = event.kind === "verified" ? event.scopes : [];
      await run(
        COUNT,
        [figKey(day), slotKey(slot)],
        [field, dayExpiresAt(day), slotExpiresAt(slot), ...scopes],
      );
    },
    async read(now) {
      const today = dayNumber(now);
      const days = Array.from(
        { length: FIGURE_DAYS },
        (_, i) => today - FIGURE_DAYS + 1 + i,
      );
      const reply = (await run(
        READ,
        [...days.map(figKey), tripsKey, trippedKey],
        [],
      )) as unknown[];
      const trips = toCounts(reply[FIGURE_DAYS]);
      const why = reply[FIGURE_DAYS + 1];
      const whyList = Array.isArray(why) ? why.map(String) : [];
      const tripped = new Map<string, string>();
      for (let i = 0; i + 1 < whyList.length; i += 2)
        tripped.set(whyList[i]!, whyList[i + 1]!);
      return {
        days: days.map((day, i) => toDayFigures(day, toCounts(reply[i]))),
        trips: [...trips]
          .filter(([, until]) => until > now)
          .map(([scope, until]) =>
            toTrip(scope, until, tripped.get(scope) ?? ""),
          ),
      };
    },
    async setTrip(scope, until, now) {
      const reply = (await run(
        SET_TRIP,
        [tripsKey, trippedKey],
        [scope, until ?? 0, now],
      )) as unknown[];
      if (Number(reply[0]) !== 1) return null;
      return toTrip(scope, until ?? now, String(reply[1] ?? ""));
    },
  };

  return {
    kind: "upstash",
    messages,
    async consume(limits, now) {
      const windows = limits.map((l) => windowAt(l, now));
      const keys = windows.map((w) => prefix + w.key);
      const args = limits.flatMap((l) => [l.max, l.windowSeconds * 1000]);
      const at = Number(await run(CONSUME, keys, args));
      if (at === 0) return { ok: true };
      const full = windows[at - 1];
      const limit = limits[at - 1];
      if (!full || !limit) throw new Error(`Unexpected limiter reply ${at}`);
      return {
        ok: false,
        by: limit.name,
        retryAfterSeconds: secondsUntil(full.endsAt, now),
      };
    },
    async consumeSend(limits, send, now): Promise<SendDecision> {
      const windows = limits.map((l) => windowAt(l, now));
      const day = dayNumber(now);
      const slot = slotNumber(now);
      const keys = [
        ...windows.map((w) => prefix + w.key),
        figKey(day),
        ...Array.from({ length: SLOTS }, (_, i) => slotKey(slot - i)),
        tripsKey,
        trippedKey,
      ];
      const { breaker } = send;
      const args = [
        limits.length,
        ...limits.flatMap((l) => [l.max, l.windowSeconds * 1000]),
        now,
        breaker.ceiling,
        breaker.minSends,
        breaker.maxConversionPercent,
        breaker.pauseMs,
        countryField(send.country, send.channel),
        dayExpiresAt(day),
        slotExpiresAt(slot),
        send.scopes.length,
        ...send.scopes,
      ];
      const reply = (await run(SEND, keys, args)) as unknown[];
      const at = Number(reply[0]);
      if (at === 0) return { ok: true };
      if (at === -1) {
        const until = Number(reply[1]);
        const scope = String(reply[3]);
        return {
          ok: false,
          by: scope === "all" ? "ceiling" : "breaker",
          retryAfterSeconds: secondsUntil(until, now),
          tripped:
            Number(reply[2]) === 1
              ? toTrip(scope, until, reply.slice(4, 7).join(":"))
              : null,
        };
      }
      const full = windows[at - 1];
      const limit = limits[at - 1];
      if (!full || !limit) throw new Error(`Unexpected limiter reply ${at}`);
      return {
        ok: false,
        by: limit.name,
        retryAfterSeconds: secondsUntil(full.endsAt, now),
      };
    },
  };
}
