import { z } from "zod";

// The shapes an environment variable can take. An empty string counts as unset, so a copied
// .env.example with blank values is a valid (embedded-defaults) environment.

export const optional = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();
export const url = z.url({ protocol: /^https?$/ });
export const seconds = (min: number, max: number) =>
  optional.pipe(
    z
      .string()
      .regex(/^\d+$/, "must be a whole number of seconds")
      .transform(Number)
      .pipe(z.number().min(min).max(max))
      .optional(),
  );
export const hours = (min: number, max: number) =>
  optional.pipe(
    z
      .string()
      .regex(/^\d+$/, "must be a whole number of hours")
      .transform(Number)
      .pipe(
        z
          .number()
          .min(min, `must be at least ${min} hours`)
          .max(max, `must be at most ${max} hours`),
      )
      .optional(),
  );
export const count = (max: number) =>
  optional.pipe(
    z
      .string()
      .regex(/^\d+$/, "must be a whole number")
      .transform(Number)
      .pipe(z.number().min(1).max(max))
      .optional(),
  );
/** A whole percent, 0 to 100. */
export const percent = optional.pipe(
  z
    .string()
    .regex(/^\d+$/, "must be a whole number from 0 to 100")
    .transform(Number)
    .pipe(z.number().min(0).max(100))
    .optional(),
);
export const countryList = optional.pipe(
  z
    .string()
    .regex(
      /^[A-Za-z]{2}(\s*,\s*[A-Za-z]{2})*$/,
      "must be ISO country codes separated by commas, e.g. US,CA,GB",
    )
    .transform((v) => v.toUpperCase().split(/\s*,\s*/))
    .optional(),
);
export const postgresUrl = optional.pipe(
  z.string().startsWith("postgres").optional(),
);
/** "1" on, "0" or unset off. */
export const flag = optional.pipe(z.enum(["0", "1"]).optional());

/**
 * The app's public origin: APP_URL, else NEXTAUTH_URL, else on Vercel its production domain (for the
 * production deployment) or this deployment's own URL (previews). Undefined when none is known.
 */
export function publicBaseUrl(e: {
  APP_URL?: string;
  NEXTAUTH_URL?: string;
  VERCEL_ENV?: string;
  VERCEL_URL?: string;
  VERCEL_PROJECT_PRODUCTION_URL?: string;
}): string | undefined {
  if (e.APP_URL ?? e.NEXTAUTH_URL) return e.APP_URL ?? e.NEXTAUTH_URL;
  const host =
    (e.VERCEL_ENV === "production" && e.VERCEL_PROJECT_PRODUCTION_URL) ||
    e.VERCEL_URL;
  return host ? `https://${host}` : undefined;
}
