// What the limiter keeps about messages themselves, beside the abuse limits: the figures an
// operator reads (sent, delivered and verified per destination country and day, refusals by
// reason) and the breakers against SMS pumping. Both live where the limits live, so a send checks
// its breakers and counts its figures in the limits' own round trip.

/** Why a send was refused, as the figures count it. */
export type RefusalReason = "limits" | "destination" | "breaker" | "ceiling";
export const REFUSAL_REASONS: readonly RefusalReason[] = [
  "limits",
  "destination",
  "breaker",
  "ceiling",
];

/** What is counted per country and day. */
export type CountryFigure = "sms" | "voice" | "delivered" | "verified";
export const COUNTRY_FIGURES: readonly CountryFigure[] = [
  "sms",
  "voice",
  "delivered",
  "verified",
];

/** Figures are kept this many UTC days, today included. */
export const FIGURE_DAYS = 7;
const DAY_MS = 86_400_000;

/** The breakers' hour is counted in slots; the last SLOTS slots are "the last hour". */
export const SLOT_MS = 10 * 60_000;
export const SLOTS = 6;

/**
 * A breaker's scope: a destination country (`cc:FR`), a number range (`px:` and the number's first
 * PREFIX_DIGITS digits, country code included) or every message (`all`, the hourly ceiling).
 */
export type BreakerScope = `cc:${string}` | `px:${string}` | "all";
/** Six digits name a range of 10⁵–10⁶ numbers: what a pumping wave walks through, not a whole country. */
export const PREFIX_DIGITS = 6;

export const UNKNOWN_COUNTRY = "ZZ";

/** The breakers a send to an unproven number is held to: its country's and its range's. */
export function breakerScopes(e164: string, country: string): BreakerScope[] {
  return [
    `cc:${country}`,
    `px:${e164.replace(/\D/g, "").slice(0, PREFIX_DIGITS)}`,
  ];
}

export interface BreakerSettings {
  /** Sends in the last hour before a scope's conversion is judged. */
  minSends: number;
  /** A scope trips when fewer than this percent of its sends in the last hour were verified. */
  maxConversionPercent: number;
  pauseMs: number;
  /** Messages in the last hour, to every destination, before everything pauses. */
  ceiling: number;
}

/** One message about to go out. */
export interface SendFacts {
  country: string;
  channel: "sms" | "voice";
  /** The breakers this send is held to; empty for a sign-in's send (an account's proven phone). */
  scopes: BreakerScope[];
  breaker: BreakerSettings;
}

/** A breaker in force: sends in its scope are refused until `until`. */
export interface Trip {
  scope: BreakerScope;
  until: number;
  trippedAt: number;
  /** What tripped it: the scope's sends and verified codes in the hour before. */
  sends: number;
  verified: number;
}

/** Something counted after the fact (no limit, no breaker is asked). */
export type MessageEvent =
  | { kind: "delivered"; country: string }
  /** `scopes`: the breakers whose conversion it counts toward (an unproven number's). */
  | { kind: "verified"; country: string; scopes: BreakerScope[] }
  | { kind: "refused"; reason: RefusalReason };

export interface DayFigures {
  /** The UTC day, YYYY-MM-DD. */
  day: string;
  countries: Record<string, Record<CountryFigure, number>>;
  refused: Record<RefusalReason, number>;
}

/** The part of the limiter an operator's figures and breakers use. */
export interface MessageCounters {
  count(event: MessageEvent, now: number): Promise<void>;
  /** The last FIGURE_DAYS UTC days, oldest first, and the breakers in force. */
  read(now: number): Promise<{ days: DayFigures[]; trips: Trip[] }>;
  /** Lifts a breaker (until null) or moves its end; null when none is in force in that scope. */
  setTrip(
    scope: BreakerScope,
    until: number | null,
    now: number,
  ): Promise<Trip | null>;
}

export const dayNumber = (now: number) => Math.floor(now / DAY_MS);
export const dayName = (day: number) =>
  new Date(day * DAY_MS).toISOString().slice(0, 10);
/** Figures of a day are kept until FIGURE_DAYS days after it ends. */
export const dayExpiresAt = (day: number) => (day + 1 + FIGURE_DAYS) * DAY_MS;
export const slotNumber = (now: number) => Math.floor(now / SLOT_MS);
/** A slot is kept until it can no longer be in the last hour. */
export const slotExpiresAt = (slot: number) => (slot + 1 + SLOTS) * SLOT_MS;

/** The field a send counts in its day's figures. */
export const countryField = (country: string, figure: CountryFigure) =>
  `${country}:${figure}`;
export const refusalField = (reason: RefusalReason) => `refused:${reason}`;
export const sendsField = (scope: BreakerScope) => `${scope}|s`;
export const verifiedField = (scope: BreakerScope) => `${scope}|v`;

/** Reads one day's hash (field → count) into its figures. */
export function toDayFigures(
  day: number,
  fields: Map<string, number>,
): DayFigures {
  const countries: DayFigures["countries"] = {};
  const refused = Object.fromEntries(
    REFUSAL_REASONS.map((r) => [r, fields.get(refusalField(r)) ?? 0]),
  ) as Record<RefusalReason, number>;
  for (const [field, value] of fields) {
    const [country, figure] = field.split(":");
    if (!country || country === "refused") continue;
    if (!COUNTRY_FIGURES.includes(figure as CountryFigure)) continue;
    countries[country] ??= { sms: 0, voice: 0, delivered: 0, verified: 0 };
    countries[country][figure as CountryFigure] = value;
  }
  return { day: dayName(day), countries, refused };
}

/** Whether a scope's hour trips its breaker. */
export function breaks(
  sends: number,
  verified: number,
  s: Pick<BreakerSettings, "minSends" | "maxConversionPercent">,
) {
  return sends >= s.minSends && verified * 100 < s.maxConversionPercent * sends;
}
