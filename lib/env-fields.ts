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
export const count = (max: number) =>
  optional.pipe(
    z
      .string()
      .regex(/^\d+$/, "must be a whole number")
      .transform(Number)
      .pipe(z.number().min(1).max(max))
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
