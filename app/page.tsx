import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { findCurrentEmail } from "@/lib/account/email";
import { getSessionUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const [user, t] = await Promise.all([
    getSessionUser(),
    getTranslations("Signin.home"),
  ]);
  // Read from the account, not the session: a changed address shows at once.
  const email = user ? ((await findCurrentEmail(user.id)) ?? user.email) : null;
  return (
    <section className="card hero">
      <h1>{t("heading")}</h1>
      <p className="lead">{t("lead")}</p>
      {user ? (
        <p>
          {t.rich("signedInAs", {
            email: email ?? "",
            strong: (chunks) => <strong>{chunks}</strong>,
            link: (chunks) => <Link href="/account">{chunks}</Link>,
          })}
        </p>
      ) : (
        <div className="actions">
          <Link className="button-link" href="/signup">
            {t("createAccount")}
          </Link>
          <Link className="button-link secondary" href="/login">
            {t("signIn")}
          </Link>
        </div>
      )}
    </section>
  );
}
