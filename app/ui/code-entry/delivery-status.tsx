import { useTranslations } from "next-intl";
import type { ChallengeView } from "@/lib/challenge/view";
import styles from "./delivery-status.module.css";

// Each status the provider reports: its words (Ui.codeEntry.delivery) and its badge's colour.
const LABELS: Partial<
  Record<
    ChallengeView["delivery"],
    ["queued" | "sent" | "delivered" | "failed", keyof typeof styles]
  >
> = {
  queued: ["queued", "pending"],
  sent: ["sent", "pending"],
  delivered: ["delivered", "ok"],
  undelivered: ["failed", "failed"],
  failed: ["failed", "failed"],
};

/** What the provider last said about the code text, e.g. "Text message: Delivered". */
export function DeliveryStatus({
  delivery,
}: {
  delivery: ChallengeView["delivery"];
}) {
  const t = useTranslations("Ui.codeEntry.delivery");
  const label = LABELS[delivery];
  if (!label) return null;
  return (
    <p className={styles.delivery} aria-live="polite">
      {t("label")}{" "}
      <span className={`${styles.badge} ${styles[label[1]]}`}>
        {t(label[0])}
      </span>
    </p>
  );
}

/** The provider said the text will not arrive: a call is the way on, at once. */
export function isUndelivered(view: ChallengeView): boolean {
  return view.delivery === "failed" || view.delivery === "undelivered";
}
