// The numbers of accounts that have not proven their address, each with the reason it has.

/**
 * Sign-ups for one address that may wait for its link side by side. Each holds a phone number
 * proven by a code (a number proves only one account), so filling them takes that many phones; a
 * sign-up past the bound removes the oldest rather than being refused, so no one can fill them to
 * keep the address's owner from signing up.
 */
export const UNVERIFIED_ACCOUNTS_PER_ADDRESS = 5;

/**
 * How long an account that never proved its address keeps it: a week. Longer than the
 * verification link (a day) with room to ask for a new one after a few days away; short enough that
 * someone who signed up with an address they cannot read holds nothing for long. The account page
 * says so while the address is unproven.
 */
export const UNCONFIRMED_ACCOUNT_DAYS = 7;
