import { getTranslations } from "next-intl/server";
import type { Lockout } from "@/lib/steps/lockout";
import styles from "./page.module.css";

/**
 * What the account page says when someone else seems to have the password: wrong codes keep
 * pausing sign-ins that passed the password step, or they switched codes off. The one remedy that
 * stops them is a new password, so the alert says so and leads to it. Nothing when all is well.
 */
export async function PasswordAdvice({ lockout }: { lockout: Lockout }) {
  if (!lockout.changePasswordAdvised) return null;
  const t = await getTranslations("Account.passwordAdvice");
  return (
    <section
      className={`alert error ${styles.advice}`}
      aria-labelledby="password-advice-heading"
    >
      <h2 id="password-advice-heading">{t("heading")}</h2>
      <p>
        {lockout.codesOff
          ? t("codesOff")
          : t("paused", { times: lockout.recentPauses })}
      </p>
      <p>
        {t.rich("remedy", {
          link: (chunks) => <a href="#password-heading">{chunks}</a>,
        })}
      </p>
    </section>
  );
}
