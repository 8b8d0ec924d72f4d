import { COUNTRIES } from "@/lib/phone/countries";
import { getEnv } from "@/lib/env";
import * as policy from "./policy";

// The limits in force: env overrides (the benchmark raises them) or the named defaults.
export function limitSettings() {
  const env = getEnv().limits;
  return {
    sendsPerPhonePerHour:
      env.sendsPerPhonePerHour ?? policy.SENDS_PER_PHONE_PER_HOUR,
    sendsPerIpPerHour: env.sendsPerIpPerHour ?? policy.SENDS_PER_IP_PER_HOUR,
    sendsPerAccountPerHour:
      env.sendsPerAccountPerHour ?? policy.SENDS_PER_ACCOUNT_PER_HOUR,
    loginsPerAccountPer15Min:
      env.loginsPerAccountPer15Min ?? policy.LOGINS_PER_ACCOUNT_PER_15_MIN,
    loginsPerAccountAllAddressesPer15Min:
      env.loginsPerAccountAllAddressesPer15Min ??
      policy.LOGINS_PER_ACCOUNT_ALL_ADDRESSES_PER_15_MIN,
    loginsPerIpPer15Min:
      env.loginsPerIpPer15Min ?? policy.LOGINS_PER_IP_PER_15_MIN,
    dailyMessageBudget: env.dailyMessageBudget ?? policy.DAILY_MESSAGE_BUDGET,
    dailyUnverifiedMessageBudget:
      env.dailyUnverifiedMessageBudget ??
      policy.DAILY_UNVERIFIED_MESSAGE_BUDGET,
    resetRequestsPerEmailPerHour: policy.RESET_REQUESTS_PER_EMAIL_PER_HOUR,
    resetRequestsPerIpPerHour:
      getEnv().resetRequestsPerIpPerHour ??
      policy.RESET_REQUESTS_PER_IP_PER_HOUR,
    proofChallengesPerIpPerHour:
      getEnv().proofChallengesPerIpPerHour ??
      policy.PROOF_CHALLENGES_PER_IP_PER_HOUR,
  };
}

/** Destination countries for codes: by default the countries the phone field offers. */
export function allowedCountries(): readonly string[] {
  return getEnv().smsCountryAllowlist ?? COUNTRIES.map((c) => c.code);
}

/** The breakers against SMS pumping and the hourly ceiling: env overrides or the named defaults. */
export function breakerSettings() {
  const env = getEnv().breaker;
  return {
    minSends: env.minSendsPerHour ?? policy.BREAKER_MIN_SENDS_PER_HOUR,
    maxConversionPercent:
      env.maxConversionPercent ?? policy.BREAKER_MAX_CONVERSION_PERCENT,
    pauseMs: (env.pauseMinutes ?? policy.BREAKER_PAUSE_MINUTES) * 60_000,
    ceiling: env.messagesPerHour ?? policy.MESSAGES_PER_HOUR,
  };
}
