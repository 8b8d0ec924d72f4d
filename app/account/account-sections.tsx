import type { ReactNode } from "react";
import styles from "./page.module.css";

/** The account page's parts, in the order the navigation lists them. */
const SECTIONS = [
  { id: "profile", label: "Profile" },
  { id: "sign-in-methods", label: "Sign-in methods" },
  { id: "devices", label: "Devices" },
  { id: "activity", label: "Activity" },
  { id: "your-data", label: "Your data" },
] as const;

/**
 * The frame of the account settings: its title, how this browser signed in, a navigation to its
 * parts (beside them on a wide screen, a row of links above them on a phone), and the parts.
 * A remembered browser signed in with the password alone: changes ask for a second factor first.
 */
export function AccountSections({
  children,
  rememberedBrowser = false,
}: {
  children: ReactNode;
  rememberedBrowser?: boolean;
}) {
  return (
    <div className={styles.page}>
      <div className={styles.intro}>
        <h1>Your account</h1>
        <p className="lead">
          {rememberedBrowser
            ? "You are signed in with your password on a remembered device. Changes to how you sign in, your phone or your email ask for your second factor first."
            : "You are signed in with your password and a second factor."}
        </p>
      </div>
      <nav className={styles.nav} aria-label="Account sections">
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>{s.label}</a>
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
