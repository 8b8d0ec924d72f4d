import { useTranslations } from "next-intl";
import styles from "./status-page.module.css";

/** The card of the not-found and error pages: what happened, in plain words, and the ways on. */
export function StatusPage({
  eyebrow,
  title,
  lead,
  actions,
  reference,
}: {
  eyebrow: string;
  title: string;
  lead: string;
  actions: React.ReactNode;
  /** An opaque id that matches the server's log, never the error itself. */
  reference?: string;
}) {
  // A hook, not getTranslations: the client error pages render this card too.
  const t = useTranslations("Ui.statusPage");
  return (
    <section className="card">
      <p className={styles.eyebrow}>{eyebrow}</p>
      <h1>{title}</h1>
      <p className="lead">{lead}</p>
      {actions}
      {reference ? (
        <p className={styles.reference}>{t("reference", { reference })}</p>
      ) : null}
    </section>
  );
}

/** The id Next gives a server error so it can be found in the log; nothing else is read. */
export function digestOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("digest" in error))
    return undefined;
  return typeof error.digest === "string" ? error.digest : undefined;
}
