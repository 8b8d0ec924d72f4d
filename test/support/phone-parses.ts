import type * as PhoneNumbers from "libphonenumber-js/max";

/**
 * libphonenumber with each parse counted in `parses`, for a test's
 * `vi.mock("libphonenumber-js/max", …)`: how often the number metadata is run.
 */
export function countingParses(
  real: typeof PhoneNumbers,
  parses: { count: number },
): typeof PhoneNumbers {
  return {
    ...real,
    parsePhoneNumberFromString: (...args) => {
      parses.count += 1;
      return real.parsePhoneNumberFromString(...args);
    },
  };
}
