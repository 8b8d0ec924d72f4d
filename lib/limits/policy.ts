// Abuse limits, each with the source it follows. Every count can be raised through env
// (lib/limits/settings.ts), as the end-to-end run and the benchmark do.

/** Twilio Verify allows 5 sends per number per 10 minutes; an hour is stricter. Counted apart for
 * numbers still being proven (sign-ups) and an account's verified phone (sign-ins), so strangers
 * signing up with someone's number cannot spend the sends its owner needs to sign in. */
export const SENDS_PER_PHONE_PER_HOUR = 5;
/** A household or office behind one address signs up a few people, not dozens (ASVS 5.0 V2.4.1). */
export const SENDS_PER_IP_PER_HOUR = 20;
/** Two full challenges (5 sends each, lib/challenge/policy.ts MAX_SENDS) per hour per account. */
export const SENDS_PER_ACCOUNT_PER_HOUR = 10;
/** Password guesses for one account from one address: Better Auth and Clerk lock after 10. Another
 * address has its own count, so one attacker cannot lock the owner out. */
export const LOGINS_PER_ACCOUNT_PER_15_MIN = 10;
/** The account's guesses from every address together: a distributed attack can pause it for at most
 * the rest of one 15-minute window at a time. */
export const LOGINS_PER_ACCOUNT_ALL_ADDRESSES_PER_15_MIN = 100;
/** Per address: five accounts' worth of attempts, so shared NATs still work (Better Auth style). */
export const LOGINS_PER_IP_PER_15_MIN = 50;
/** A spending cap against SMS pumping: texts and calls to verified phones per UTC day. */
export const DAILY_MESSAGE_BUDGET = 1000;
/** Its own cap for numbers not yet proven (sign-ups), so pumping cannot pause every sign-in. */
export const DAILY_UNVERIFIED_MESSAGE_BUDGET = 500;

/** Security notices texted to one account per UTC day, counted with the day's message budget
 * (NIST SP 800-63B-4 §4.2 asks that subscribers be told; the operator pays for each text): a
 * person making a few changes hears of each, a stranger setting off notices cannot text them
 * without bound. Emails are not counted. */
export const NOTICE_TEXTS_PER_ACCOUNT_PER_DAY = 10;

/** Changes on the account page (set up or remove a factor, new recovery codes, forget a device)
 * per person: each may text the phone on file, so a script in a stolen session cannot text it
 * without bound; a person setting up an app and new codes needs a handful. */
export const ACCOUNT_CHANGES_PER_HOUR = 10;
/** Console requests (a search, an account opened, an action) per operator: a support person works
 * through a few people a minute, well under this; a stolen console session cannot page through
 * every account or act on thousands of them before it is noticed. */
export const ADMIN_REQUESTS_PER_HOUR = 300;
/** Reset links asked for one email address per hour (OWASP Forgot Password Cheat Sheet: limit
 * requests per account, so nobody can flood a person's inbox); a lost link can be asked for again. */
export const RESET_REQUESTS_PER_EMAIL_PER_HOUR = 3;
/** Reset requests from one client address per hour, whatever addresses they name. */
export const RESET_REQUESTS_PER_IP_PER_HOUR = 10;
/** Proof-of-work challenges handed to one client address per hour: each costs the server a PBKDF2
 * (lib/proof-of-work). A person's form asks one per page and one more per refused try; three per
 * send the address may make (SENDS_PER_IP_PER_HOUR) leaves a shared office room, while a script
 * asking for challenges only to burn the server's CPU is stopped at a few dozen. */
export const PROOF_CHALLENGES_PER_IP_PER_HOUR = 60;
/** "Resend verification email" per account per hour: enough for a lost or filtered message. */
export const VERIFICATION_EMAILS_PER_ACCOUNT_PER_HOUR = 3;
/** Link emails (a sign-up's verification link, "Resend verification email", a "Change email" link
 * or its notice) to one address per hour, whichever accounts ask: its honest owner needs the
 * sign-up's link and the three resends above; more can only be other accounts naming the address,
 * which would turn the app into a mail cannon aimed at one inbox (OWASP Forgot Password Cheat
 * Sheet: limit mail per recipient, as the reset form's per-address limit does). */
export const LINK_EMAILS_PER_RECIPIENT_PER_HOUR = 4;
/** The same per day: an owner fighting a spam filter for a day still gets through, a flood does not. */
export const LINK_EMAILS_PER_RECIPIENT_PER_DAY = 10;

/** A breaker judges a destination (country or number range) once this many codes went to numbers
 * still being proven there in the last hour: below it, a few abandoned sign-ups in a quiet country
 * would look like pumping. A wave past it costs the deployment about a dollar before it stops. */
export const BREAKER_MIN_SENDS_PER_HOUR = 20;
/** It trips when fewer than this percent of those codes were entered. People enter most of the codes
 * they ask for (resends and the odd abandoned sign-up bring it down to one in two, not lower); a
 * pumping wave's numbers belong to the fraudster's partner carrier and enter none. */
export const BREAKER_MAX_CONVERSION_PERCENT = 20;
/** A tripped destination rests this long; an hour or more also makes the ceiling a true hourly
 * bound (a pause no shorter than the hour it judged). The operator can lift or extend it. */
export const BREAKER_PAUSE_MINUTES = 60;
/** Every text and call in the last hour, whatever the destination: a fifth of the day's budgets
 * (DAILY_MESSAGE_BUDGET + DAILY_UNVERIFIED_MESSAGE_BUDGET), so a burst that would spend them stops
 * after about an hour and the operator is told, long before the bill. */
export const MESSAGES_PER_HOUR = 300;

export const HOUR = 3600;
export const FIFTEEN_MINUTES = 900;
export const DAY = 86_400;
