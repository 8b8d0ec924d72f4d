import { randomInt } from "node:crypto";

/**
 * French mobile blocks whose every number is valid. Not +33 63: part of it (+33 639…) is unassigned,
 * and a random number there fails the destination check about one time in ten.
 */
export type MobileBlock =
  "+3361" | "+3362" | "+3364" | "+3365" | "+3366" | "+3367" | "+3368";

/** A random, valid French mobile number in `block`. */
export function randomMobile(block: MobileBlock = "+3361"): string {
  return `${block}${String(randomInt(10_000_000)).padStart(7, "0")}`;
}
