import type { Lockout } from "@/lib/steps/lockout";
import styles from "./page.module.css";

/**
 * What the account page says when someone else seems to have the password: wrong codes keep
 * pausing sign-ins that passed the password step, or they switched codes off. The one remedy that
 * stops them is a new password, so the alert says so and leads to it.
 */
export function passwordAdviceText(lockout: Lockout): string | null {
  if (!lockout.changePasswordAdvised) return null;
  if (lockout.codesOff)
    return "So many wrong codes were entered for your account that codes by text, call and app are switched off. Whoever entered them knew your password.";
  return `Someone who knew your password entered wrong codes often enough to be paused ${lockout.recentPauses} times in the last 30 days.`;
}

export function PasswordAdvice({ text }: { text: string }) {
  return (
    <section
      className={`alert error ${styles.advice}`}
      aria-labelledby="password-advice-heading"
    >
      <h2 id="password-advice-heading">Someone may know your password</h2>
      <p>{text}</p>
      <p>
        <a href="#password-heading">Change your password</a> to stop them. Your
        other devices will be signed out.
      </p>
    </section>
  );
}
