import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import styles from "./page.module.css";

/** The account page's parts, in the order the navigation lists them, with their label's key. */
const SECTIONS = [
  { id: "profile", label: "profile" },
  { id: "sign-in-methods", label: "signInMethods" },
  { id: "devices", label: "devices" },
  { id: "activity", label: "activity" },
  { id: "your-data", label: "yourData" },
] as const;

/**
 * The frame of the account settings: its title, how this browser signed in, a navigation to its
 * parts (beside them on a wide screen, a row of links above them on a phone), and the parts.
 * A remembered browser signed in with the password alone: changes ask for a second factor first.
 */
export async function AccountSections({
  children,
  rememberedBrowser = false,
}: {
  children: ReactNode;
  rememberedBrowser?: boolean;
}) {
  const t = await getTranslations("Account.page");
  return (
    <div className={styles.page}>
      <div className={styles.intro}>
        <h1>{t("title")}</h1>
        <p className="lead">
          {rememberedBrowser ? t("leadRemembered") : t("lead")}
        </p>
      </div>
      <nav className={styles.nav} aria-label={t("sectionsLabel")}>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>{t(`sections.${s.label}`)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <div className={styles.content}>{children}</div>
    </div>
  );
}

/** One part of the account page, as a card under its own heading, linked from the navigation. */
export function Panel({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <section
      id={id}
      className={styles.panel}
      aria-labelledby={`${id}-panel-heading`}
    >
      <h2 id={`${id}-panel-heading`}>{title}</h2>
      {children}
    </section>
  );
}
