import { z } from "zod";
import {
  count,
  countryList,
  flag,
  hours,
  optional,
  percent,
  postgresUrl,
  publicBaseUrl,
  seconds,
  url,
} from "./fields";

import {
  DELETION_GRACE_DAYS_DEFAULT,
  DELETION_GRACE_DAYS_MAX,
  DELETION_GRACE_DAYS_MIN,
} from "@/lib/account/deletion-policy";
import {
  checkProduction,
  CRON_SECRET_MIN_LENGTH,
  OUTBOX_TOKEN_MIN_LENGTH,
} from "./production";
import {
  RECOVERY_WAITING_HOURS_DEFAULT,
  RECOVERY_WAITING_HOURS_MAX,
  RECOVERY_WAITING_HOURS_MIN,
} from "@/lib/account/recovery-policy";

// Read and checked once per process; every module asks getEnv() rather than process.env.
// Nothing is required for the embedded defaults (PGlite, in-process store, outbox) outside production;
// what production adds is in env-production.ts.

const schema = z
  .object({
    NODE_ENV: z
      .enum(["development", "production", "test"])
      .default("development"),
    DATABASE_URL: postgresUrl,
    // Read by prisma.config.ts for `prisma migrate deploy` (a direct, unpooled connection).
    DATABASE_URL_UNPOOLED: postgresUrl,
    DIRECT_URL: postgresUrl,
    TWOSTEP_EMBEDDED: flag,
    // Set by `npm start` (scripts/start.mjs) for the long-running server only.
    TWOSTEP_WARM_UP: flag,
    PGLITE_DIR: optional,
    UPSTASH_REDIS_REST_URL: optional.pipe(url.optional()),
    UPSTASH_REDIS_REST_TOKEN: optional,
    KV_REST_API_URL: optional.pipe(url.optional()),
    KV_REST_API_TOKEN: optional,
    MESSAGING: optional.pipe(z.enum(["plivo", "outbox"]).optional()),
    OUTBOX_TOKEN: optional.pipe(
      z
        .string()
        .min(
          OUTBOX_TOKEN_MIN_LENGTH,
          `must be at least ${OUTBOX_TOKEN_MIN_LENGTH} characters`,
        )
        .optional(),
    ),
    PLIVO_AUTH_ID: optional,
    PLIVO_AUTH_TOKEN: optional,
    PLIVO_FROM_NUMBER: optional.pipe(
      z
        .string()
        .regex(/^\+[1-9]\d{6,14}$/, "must be E.164")
        .optional(),
    ),
    APP_URL: optional.pipe(url.optional()),
    NEXTAUTH_URL: optional.pipe(url.optional()),
    NEXTAUTH_SECRET: optional.pipe(
      z.string().min(32, "must be at least 32 characters").optional(),
    ),
    CODE_TTL_SECONDS: seconds(1, 300),
    RESEND_COOLDOWN_SECONDS: seconds(0, 30),
    LIMIT_SENDS_PER_PHONE_PER_HOUR: count(1e9),
    LIMIT_SENDS_PER_IP_PER_HOUR: count(1e9),
    LIMIT_SENDS_PER_ACCOUNT_PER_HOUR: count(1e9),
    LIMIT_LOGINS_PER_ACCOUNT_PER_15_MIN: count(1e9),
    LIMIT_LOGINS_PER_ACCOUNT_ALL_ADDRESSES_PER_15_MIN: count(1e9),
    LIMIT_LOGINS_PER_IP_PER_15_MIN: count(1e9),
    LIMIT_DAILY_MESSAGE_BUDGET: count(1e9),
    LIMIT_DAILY_UNVERIFIED_MESSAGE_BUDGET: count(1e9),
    SMS_COUNTRY_ALLOWLIST: countryList,
    TRUSTED_PROXY_HOPS: optional.pipe(
      z
        .string()
        .regex(/^\d$/, "must be a whole number from 0 to 9")
        .transform(Number)
        .optional(),
    ),
    PASSWORD_BREACH_CHECK: optional.pipe(z.enum(["list", "hibp"]).optional()),
    // Set by Vercel itself: the public URL falls back to them when APP_URL is unset.
    VERCEL: optional,
    VERCEL_ENV: optional,
    VERCEL_URL: optional,
    VERCEL_PROJECT_PRODUCTION_URL: optional,
    // Set by `next dev` / `next start` to the port they listen on.
    PORT: optional,
    // Email (lib/mail): SMTP when set, else the outbox outside production.
    SMTP_URL: optional.pipe(
      z
        .url({
          protocol: /^smtps?$/,
          error: "must be smtp://… or smtps://…",
        })
        .optional(),
    ),
    MAIL_FROM: optional.pipe(
      z.string().regex(/@/, "must be an email address").optional(),
    ),
    LIMIT_RESET_REQUESTS_PER_IP_PER_HOUR: count(1e9),
    LIMIT_PROOF_CHALLENGES_PER_IP_PER_HOUR: count(1e9),
    // Against SMS pumping (lib/limits/policy.ts has the defaults and their reasons).
    BREAKER_MIN_SENDS_PER_HOUR: count(1e9),
    BREAKER_MAX_CONVERSION_PERCENT: percent,
    BREAKER_PAUSE_MINUTES: count(7 * 24 * 60),
    LIMIT_MESSAGES_PER_HOUR: count(1e9),
    OPERATOR_EMAIL: optional.pipe(
      z.email({ error: "must be an email address" }).optional(),
    ),
    PROOF_OF_WORK: optional.pipe(z.enum(["on", "off"]).optional()),
    // "Delete account": the days a sign-in may still cancel it (lib/account/deletion-policy.ts).
    DELETION_GRACE_DAYS: optional.pipe(
      z
        .string()
        .regex(/^\d+$/, "must be a whole number of days")
        .transform(Number)
        .pipe(
          z.number().min(DELETION_GRACE_DAYS_MIN).max(DELETION_GRACE_DAYS_MAX),
        )
        .optional(),
    ),
    // The bearer token Vercel Cron sends to GET /api/cron/due (and any other scheduler must).
    CRON_SECRET: optional.pipe(
      z
        .string()
        .min(
          CRON_SECRET_MIN_LENGTH,
          `must be at least ${CRON_SECRET_MIN_LENGTH} characters`,
        )
        .optional(),
    ),
    RECOVERY_WAITING_HOURS: hours(
      RECOVERY_WAITING_HOURS_MIN,
      RECOVERY_WAITING_HOURS_MAX,
    ),
  })
  .superRefine((e, ctx) => {
    const need = (ok: boolean, path: string, message: string) =>
      ok || ctx.addIssue({ code: "custom", path: [path], message });
    const prod = e.NODE_ENV === "production";
    need(
      !prod || !!e.NEXTAUTH_SECRET,
      "NEXTAUTH_SECRET",
      "is required in production",
    );
    const redisUrl = e.UPSTASH_REDIS_REST_URL ?? e.KV_REST_API_URL;
    const redisToken = e.UPSTASH_REDIS_REST_TOKEN ?? e.KV_REST_API_TOKEN;
    need(
      !redisUrl || !!redisToken,
      "UPSTASH_REDIS_REST_TOKEN",
      "is required with the REST URL",
    );
    need(
      !redisToken || !!redisUrl,
      "UPSTASH_REDIS_REST_URL",
      "is required with the REST token",
    );
    const plivo = [e.PLIVO_AUTH_ID, e.PLIVO_AUTH_TOKEN, e.PLIVO_FROM_NUMBER];
    const wantsPlivo =
      e.MESSAGING === "plivo" || (prod && e.MESSAGING !== "outbox");
    if (wantsPlivo || plivo.some(Boolean)) {
      need(
        !!e.PLIVO_AUTH_ID,
        "PLIVO_AUTH_ID",
        "is required to send through Plivo",
      );
      need(
        !!e.PLIVO_AUTH_TOKEN,
        "PLIVO_AUTH_TOKEN",
        "is required to send through Plivo",
      );
      need(
        !!e.PLIVO_FROM_NUMBER,
        "PLIVO_FROM_NUMBER",
        "is required to send through Plivo",
      );
    }
    need(
      !e.SMTP_URL || !!e.MAIL_FROM,
      "MAIL_FROM",
      "is required with SMTP_URL (the sender of every email)",
    );
    const publicUrl = publicBaseUrl(e);
    if (wantsPlivo) {
      need(
        !!publicUrl,
        "APP_URL",
        "is required so Plivo can reach the call's answer URL",
      );
    }
    checkProduction(
      e,
      { publicUrl, hasStore: !!(redisUrl || redisToken) },
      need,
    );
  });

export type Env = ReturnType<typeof toEnv>;

function toEnv(e: z.infer<typeof schema>) {
  const prod = e.NODE_ENV === "production";
  const plivoSet = !!(
    e.PLIVO_AUTH_ID &&
    e.PLIVO_AUTH_TOKEN &&
    e.PLIVO_FROM_NUMBER
  );
  const messaging: "plivo" | "outbox" =
    e.MESSAGING ?? (plivoSet || prod ? "plivo" : "outbox");
  const redisUrl = e.UPSTASH_REDIS_REST_URL ?? e.KV_REST_API_URL;
  const redisToken = e.UPSTASH_REDIS_REST_TOKEN ?? e.KV_REST_API_TOKEN;
  return {
    production: prod,
    /** TWOSTEP_EMBEDDED=1 in production: embedded parts or plain http accepted, with a warning. */
    embeddedInProduction: prod && e.TWOSTEP_EMBEDDED === "1",
    /** A long-running server (npm start) opens its database and store before its first request. */
    warmUp: e.TWOSTEP_WARM_UP === "1",
    /** Running on Vercel (its functions log the problem instead of exiting). */
    vercel: !!e.VERCEL,
    databaseUrl: e.DATABASE_URL,
    pgliteDir: e.PGLITE_DIR ?? ".data/pglite",
    upstash:
      redisUrl && redisToken ? { url: redisUrl, token: redisToken } : undefined,
    messaging,
    /** In production, GET /api/dev/outbox answers only `Authorization: Bearer <this>`. */
    outboxToken: e.OUTBOX_TOKEN,
    plivo: plivoSet
      ? {
          authId: e.PLIVO_AUTH_ID!,
          authToken: e.PLIVO_AUTH_TOKEN!,
          from: e.PLIVO_FROM_NUMBER!,
        }
      : undefined,
    appUrl: (publicBaseUrl(e) ?? `http://localhost:${e.PORT ?? 3000}`).replace(
      /\/$/,
      "",
    ),
    // Outside production a fixed development secret keeps the quickstart free of setup.
    authSecret:
      e.NEXTAUTH_SECRET ??
      "twostep-development-secret-do-not-use-in-production",
    codeTtlSeconds: e.CODE_TTL_SECONDS,
    resendCooldownSeconds: e.RESEND_COOLDOWN_SECONDS,
    // Unset values fall back to the named defaults in lib/limits/policy.ts.
    limits: {
      sendsPerPhonePerHour: e.LIMIT_SENDS_PER_PHONE_PER_HOUR,
      sendsPerIpPerHour: e.LIMIT_SENDS_PER_IP_PER_HOUR,
      sendsPerAccountPerHour: e.LIMIT_SENDS_PER_ACCOUNT_PER_HOUR,
      loginsPerAccountPer15Min: e.LIMIT_LOGINS_PER_ACCOUNT_PER_15_MIN,
      loginsPerAccountAllAddressesPer15Min:
        e.LIMIT_LOGINS_PER_ACCOUNT_ALL_ADDRESSES_PER_15_MIN,
      loginsPerIpPer15Min: e.LIMIT_LOGINS_PER_IP_PER_15_MIN,
      dailyMessageBudget: e.LIMIT_DAILY_MESSAGE_BUDGET,
      dailyUnverifiedMessageBudget: e.LIMIT_DAILY_UNVERIFIED_MESSAGE_BUDGET,
    },
    smsCountryAllowlist: e.SMS_COUNTRY_ALLOWLIST,
    trustedProxyHops: e.TRUSTED_PROXY_HOPS ?? 0,
    // The shipped list always applies; "hibp" adds Have I Been Pwned's range API.
    passwordBreachCheck: e.PASSWORD_BREACH_CHECK ?? "list",
    mailer: mailerKind(e),
    smtp:
      e.SMTP_URL && e.MAIL_FROM
        ? { url: e.SMTP_URL, from: e.MAIL_FROM }
        : undefined,
    resetRequestsPerIpPerHour: e.LIMIT_RESET_REQUESTS_PER_IP_PER_HOUR,
    proofChallengesPerIpPerHour: e.LIMIT_PROOF_CHALLENGES_PER_IP_PER_HOUR,
    breaker: {
      minSendsPerHour: e.BREAKER_MIN_SENDS_PER_HOUR,
      maxConversionPercent: e.BREAKER_MAX_CONVERSION_PERCENT,
      pauseMinutes: e.BREAKER_PAUSE_MINUTES,
      messagesPerHour: e.LIMIT_MESSAGES_PER_HOUR,
    },
    /** Told when a breaker trips (lib/steps/message-breakers.ts); unset, the server's log is. */
    operatorEmail: e.OPERATOR_EMAIL?.toLowerCase(),
    /** Proof of work before a text to a number still being proven; off only for test rigs. */
    proofOfWork: e.PROOF_OF_WORK !== "off",
    deletionGraceDays: e.DELETION_GRACE_DAYS ?? DELETION_GRACE_DAYS_DEFAULT,
    /** GET /api/cron/due answers only `Authorization: Bearer <this>`; unset, it answers no one. */
    cronSecret: e.CRON_SECRET,
    recoveryWaitingHours:
      e.RECOVERY_WAITING_HOURS ?? RECOVERY_WAITING_HOURS_DEFAULT,
  };
}

/** MESSAGING=outbox captures email too (one switch for an end-to-end run); else SMTP when set;
 * production without it has no email rather than a silent outbox. */
function mailerKind(e: z.infer<typeof schema>): "smtp" | "outbox" | "none" {
  if (e.MESSAGING === "outbox") return "outbox";
  if (e.SMTP_URL) return "smtp";
  return e.NODE_ENV === "production" ? "none" : "outbox";
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Twostep cannot start: the environment is not valid.\n${problems.map((p) => `  - ${p}`).join("\n")}\n` +
        "See .env.example for every variable and what it does.",
    );
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map(
        (i) => `${i.path.join(".") || "env"} ${i.message}`,
      ),
    );
  }
  return toEnv(result.data);
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Set by the platform, never by hand: .env.example names them in a comment, not as settings. */
export const PLATFORM_VARIABLES = [
  "NODE_ENV",
  "VERCEL",
  "VERCEL_ENV",
  "VERCEL_URL",
  "VERCEL_PROJECT_PRODUCTION_URL",
  "PORT",
  "TWOSTEP_WARM_UP",
];

/** Every variable the app reads, for the check that .env.example documents them all. */
export const ENV_VARIABLES = Object.keys(schema.shape).filter(
  (k) => !PLATFORM_VARIABLES.includes(k),
);
