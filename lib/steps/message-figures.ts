import "server-only";
import { challengePhoneFacts } from "@/lib/challenge/phone-facts";
import type { StepContext } from "@/lib/context";
import { getEnv } from "@/lib/env";
import { refuse, type Outcome, type Refusal } from "@/lib/errors";
import {
  checkDestination,
  consumeSendLimits,
  type SendTarget,
} from "@/lib/limits/sends";
import {
  countDelivered,
  countRefusal,
  countVerified,
  readMessageCounters,
  setBreakerTrip,
} from "@/lib/limits/figures";
import {
  COUNTRY_FIGURES,
  type BreakerScope,
  type CountryFigure,
  type RefusalReason,
  type Trip,
} from "@/lib/limits/messages";
import { breakerSettings } from "@/lib/limits/settings";
import type { PhoneFacts } from "@/lib/phone/facts";
import {
  isProvenNumber,
  type Challenge,
  type Channel,
  type DeliveryStatus,
} from "@/lib/store";

// Seeing and stopping SMS pumping: what the sends do to the figures and the breakers
// (lib/limits/messages.ts), the operator's email when a breaker trips, and the use cases an
// operators' page reads the figures and lifts or extends a breaker with.

/** A destination the rules refuse (no round trip): counted in the day's figures after the reply. */
export async function checkSendDestination(
  ctx: StepContext,
  facts: PhoneFacts,
  channel: Channel,
): Promise<Refusal | null> {
  const refused = checkDestination(facts, channel);
  if (refused) {
    const now = ctx.now();
    await ctx.later("count a refused destination", () =>
      countRefusal("destination", now),
    );
  }
  return refused;
}

/**
 * A send's limits, breakers and ceiling (one round trip). When this send trips a breaker, the
 * operator is told after the reply; the person reads only CODES_PAUSED.
 */
export async function admitSend(
  ctx: StepContext,
  target: SendTarget,
  channel: Channel,
): Promise<Refusal | null> {
  const refused = await consumeSendLimits(target, {
    channel,
    now: ctx.now(),
  });
  if (!refused) return null;
  const { tripped, ...refusal } = refused;
  if (tripped) await tellOperator(ctx, tripped);
  return refusal;
}

/** A code entered right, once its challenge is spent: its country's figures and its breakers. */
export async function countCodeEntered(ctx: StepContext, challenge: Challenge) {
  if ((challenge.verifiedBy ?? "phone") !== "phone") return;
  const now = ctx.now();
  await ctx.later("count a verified code", async () =>
    countVerified(
      challenge.phone,
      await challengePhoneFacts(challenge),
      isProvenNumber(challenge.purpose),
      now,
    ),
  );
}

/** A provider's delivery report on a code text: a delivered one counts in its country's figures. */
export async function countDeliveryReport(
  challenge: Challenge,
  status: DeliveryStatus,
  now = Date.now(),
): Promise<void> {
  if (status === "delivered")
    await countDelivered(await challengePhoneFacts(challenge), now);
}

/** What a breaker covers, as facts a page words in its reader's language. */
export type BreakerPlace =
  | { kind: "all" }
  | { kind: "country"; country: string }
  | { kind: "range"; prefix: string };

export function placeOf(scope: BreakerScope): BreakerPlace {
  if (scope === "all") return { kind: "all" };
  if (scope.startsWith("cc:"))
    return { kind: "country", country: scope.slice(3) };
  return { kind: "range", prefix: scope.slice(3) };
}

/**
 * What a breaker's scope means, in English: for the operator's email (OPERATOR_EMAIL has no
 * language of its own) and the server's log. The console's page words it from placeOf instead.
 */
export function describeScope(scope: BreakerScope): string {
  const place = placeOf(scope);
  if (place.kind === "all") return "every destination (the hourly ceiling)";
  if (place.kind === "country") return `numbers in ${place.country}`;
  return `numbers starting +${place.prefix}`;
}

const conversionPercent = (verified: number, sent: number) =>
  sent ? Math.round((verified * 100) / sent) : null;

/** Once per trip (only the send that tripped it gets here): by email, else in the server's log. */
async function tellOperator(ctx: StepContext, trip: Trip): Promise<void> {
  const to = getEnv().operatorEmail;
  const { mailer } = ctx;
  const what = describeScope(trip.scope);
  const conversion = conversionPercent(trip.verified, trip.sends);
  const subject = `Codes to ${what} are paused`;
  const why =
    trip.scope === "all"
      ? `${trip.sends} texts and calls went out in the last hour, the ceiling (LIMIT_MESSAGES_PER_HOUR).`
      : `${trip.sends} codes went to ${what} in the last hour and ${trip.verified} were entered (${conversion}%), ` +
        `below BREAKER_MAX_CONVERSION_PERCENT: the signature of SMS pumping.`;
  const text = [
    why,
    `Until ${new Date(trip.until).toISOString()}, new codes there are refused and people are asked to try later.`,
    "Lift or extend the pause from the operators' page; what to look at first is in docs/operations.md.",
  ].join("\n\n");
  await ctx.later("tell the operator of a breaker", async () => {
    if (to && mailer) await mailer.sendEmail({ to, subject, text });
    else console.warn("Breaker tripped (OPERATOR_EMAIL unset): %s", why);
  });
}

export interface CountryDay {
  country: string;
  sms: number;
  voice: number;
  /** Texts and calls. */
  sent: number;
  delivered: number;
  verified: number;
  /** Verified ÷ sent, a whole percent; null when nothing was sent. */
  conversionPercent: number | null;
}

export interface MessageFiguresDay {
  /** The UTC day, YYYY-MM-DD. */
  day: string;
  countries: CountryDay[];
  total: Omit<CountryDay, "country">;
  refused: Record<RefusalReason, number>;
}

export interface BreakerView extends Trip {
  /** What it covers. */
  place: BreakerPlace;
  conversionPercent: number | null;
}

export interface MessageFigures {
  /** The last seven UTC days, oldest first. */
  days: MessageFiguresDay[];
  /** Per country over the seven days, most sent first. */
  countries: CountryDay[];
  /** Breakers in force now. */
  breakers: BreakerView[];
  settings: ReturnType<typeof breakerSettings>;
}

function withConversion(
  f: Record<CountryFigure, number>,
): Omit<CountryDay, "country"> {
  const sent = f.sms + f.voice;
  return { ...f, sent, conversionPercent: conversionPercent(f.verified, sent) };
}

const toCountryDay = (
  country: string,
  f: Record<CountryFigure, number>,
): CountryDay => ({ country, ...withConversion(f) });

const zero = (): Record<CountryFigure, number> =>
  Object.fromEntries(COUNTRY_FIGURES.map((f) => [f, 0])) as Record<
    CountryFigure,
    number
  >;

function add(
  into: Record<CountryFigure, number>,
  f: Record<CountryFigure, number>,
) {
  for (const k of COUNTRY_FIGURES) into[k] += f[k];
}

const bySent = (a: CountryDay, b: CountryDay) =>
  b.sent - a.sent || a.country.localeCompare(b.country);

/** The last seven days per country and per day, with conversion and refusals, and the breakers in force. */
export async function readMessageFigures(
  ctx: Pick<StepContext, "now">,
): Promise<MessageFigures> {
  const { days, trips } = await readMessageCounters(ctx.now());
  const week = new Map<string, Record<CountryFigure, number>>();
  const out = days.map((d) => {
    const total = zero();
    const countries = Object.entries(d.countries).map(([country, f]) => {
      add(total, f);
      const sum = week.get(country) ?? zero();
      add(sum, f);
      week.set(country, sum);
      return toCountryDay(country, f);
    });
    return {
      day: d.day,
      countries: countries.sort(bySent),
      total: withConversion(total),
      refused: d.refused,
    };
  });
  return {
    days: out,
    countries: [...week].map(([c, f]) => toCountryDay(c, f)).sort(bySent),
    breakers: trips
      .map((t) => ({
        ...t,
        place: placeOf(t.scope),
        conversionPercent: conversionPercent(t.verified, t.sends),
      }))
      .sort((a, b) => a.trippedAt - b.trippedAt),
    settings: breakerSettings(),
  };
}

/** The longest an operator may extend a pause by, in one step. */
export const MAX_EXTENSION_MINUTES = 7 * 24 * 60;

export type BreakerChange =
  | { scope: BreakerScope; action: "lift"; reason: string }
  | { scope: BreakerScope; action: "extend"; minutes: number; reason: string };

/**
 * Lifts a breaker in force, or extends it by `minutes` from now. The caller (the operators' page)
 * has checked who may and audits the request with its reason; the server's log says it too.
 */
export async function changeBreaker(
  ctx: Pick<StepContext, "now">,
  change: BreakerChange,
): Promise<Outcome<{ breaker: BreakerView | null }>> {
  const now = ctx.now();
  if (!change.reason.trim()) return refuse("INVALID_INPUT");
  let until: number | null = null;
  if (change.action === "extend") {
    const { minutes } = change;
    if (
      !Number.isInteger(minutes) ||
      minutes < 1 ||
      minutes > MAX_EXTENSION_MINUTES
    )
      return refuse("INVALID_INPUT");
    until = now + minutes * 60_000;
  }
  const trip = await setBreakerTrip(change.scope, until, now);
  if (!trip) return refuse("BREAKER_NOT_TRIPPED");
  console.info(
    "Breaker on %s %s: %s",
    describeScope(change.scope),
    change.action === "lift"
      ? "lifted"
      : `extended to ${new Date(until!).toISOString()}`,
    change.reason,
  );
  return {
    ok: true,
    breaker:
      until === null
        ? null
        : {
            ...trip,
            place: placeOf(trip.scope),
            conversionPercent: conversionPercent(trip.verified, trip.sends),
          },
  };
}
