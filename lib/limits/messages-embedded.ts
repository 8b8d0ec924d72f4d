import {
  breaks,
  countryField,
  dayNumber,
  FIGURE_DAYS,
  refusalField,
  sendsField,
  slotNumber,
  SLOTS,
  toDayFigures,
  verifiedField,
  type BreakerScope,
  type MessageCounters,
  type RefusalReason,
  type SendFacts,
  type Trip,
} from "./messages";

// The figures and breakers in process memory, with the send script's semantics (scripts.ts SEND).
// Nothing here awaits, so each call is atomic on Node's single thread.

type Counts = Map<string, number>;

export interface EmbeddedMessages extends MessageCounters {
  /** The breakers and the ceiling for a send; null when it may go. Never counts the send. */
  hold(
    send: SendFacts,
    now: number,
  ): { by: "breaker" | "ceiling"; until: number; tripped: Trip | null } | null;
  /** Counts a send that went out, in its day's figures and its scopes' hour. */
  sent(send: SendFacts, now: number): void;
  refused(reason: RefusalReason, now: number): void;
}

const bump = (counts: Counts, field: string) =>
  counts.set(field, (counts.get(field) ?? 0) + 1);

export function createEmbeddedMessages(): EmbeddedMessages {
  const days = new Map<number, Counts>();
  const slots = new Map<number, Counts>();
  const trips = new Map<BreakerScope, Trip>();

  const dayOf = (now: number) => {
    const day = dayNumber(now);
    for (const d of days.keys()) if (d <= day - FIGURE_DAYS) days.delete(d);
    let counts = days.get(day);
    if (!counts) days.set(day, (counts = new Map()));
    return counts;
  };
  const slotOf = (now: number) => {
    const slot = slotNumber(now);
    for (const s of slots.keys()) if (s <= slot - SLOTS) slots.delete(s);
    let counts = slots.get(slot);
    if (!counts) slots.set(slot, (counts = new Map()));
    return counts;
  };
  /** The scope's sends and verified codes in the last SLOTS slots. */
  const hour = (scope: BreakerScope, now: number) => {
    const slot = slotNumber(now);
    let sends = 0;
    let verified = 0;
    for (let s = slot - SLOTS + 1; s <= slot; s++) {
      sends += slots.get(s)?.get(sendsField(scope)) ?? 0;
      verified += slots.get(s)?.get(verifiedField(scope)) ?? 0;
    }
    return { sends, verified };
  };
  const inForce = (scope: BreakerScope, now: number) => {
    const trip = trips.get(scope);
    if (trip && trip.until <= now) trips.delete(scope);
    return trip && trip.until > now ? trip : undefined;
  };
  const refused = (reason: RefusalReason, now: number) =>
    void bump(dayOf(now), refusalField(reason));

  return {
    hold(send, now) {
      const scopes: BreakerScope[] = ["all", ...send.scopes];
      const reasonOf = (scope: BreakerScope) =>
        scope === "all" ? ("ceiling" as const) : ("breaker" as const);
      for (const scope of scopes) {
        const trip = inForce(scope, now);
        if (trip)
          return { by: reasonOf(scope), until: trip.until, tripped: null };
      }
      const { breaker } = send;
      for (const scope of scopes) {
        const { sends, verified } = hour(scope, now);
        const trips_ =
          scope === "all"
            ? sends >= breaker.ceiling
            : breaks(sends, verified, breaker);
        if (!trips_) continue;
        const trip = {
          scope,
          until: now + breaker.pauseMs,
          trippedAt: now,
          sends,
          verified,
        };
        trips.set(scope, trip);
        for (const counts of slots.values()) {
          counts.delete(sendsField(scope));
          counts.delete(verifiedField(scope));
        }
        return { by: reasonOf(scope), until: trip.until, tripped: trip };
      }
      return null;
    },
    sent(send, now) {
      bump(dayOf(now), countryField(send.country, send.channel));
      const slot = slotOf(now);
      for (const scope of ["all" as const, ...send.scopes])
        bump(slot, sendsField(scope));
    },
    refused,
    async count(event, now) {
      if (event.kind === "refused") return refused(event.reason, now);
      bump(dayOf(now), countryField(event.country, event.kind));
      if (event.kind !== "verified") return;
      const slot = slotOf(now);
      for (const scope of event.scopes) bump(slot, verifiedField(scope));
    },
    async read(now) {
      const today = dayNumber(now);
      const list = Array.from(
        { length: FIGURE_DAYS },
        (_, i) => today - FIGURE_DAYS + 1 + i,
      );
      return {
        days: list.map((day) => toDayFigures(day, days.get(day) ?? new Map())),
        trips: [...trips.values()].filter((t) => t.until > now),
      };
    },
    async setTrip(scope, until, now) {
      const trip = inForce(scope, now);
      if (!trip) return null;
      if (until === null) {
        trips.delete(scope);
        return { ...trip, until: now };
      }
      trip.until = until;
      return { ...trip };
    },
  };
}
