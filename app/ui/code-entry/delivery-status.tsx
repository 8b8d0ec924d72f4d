import type { ChallengeView } from "@/lib/challenge/view";
import styles from "./delivery-status.module.css";

const LABELS: Partial<
  Record<ChallengeView["delivery"], [string, keyof typeof styles]>
> = {
  queued: ["Sending…", "pending"],
  sent: ["Sent", "pending"],
  delivered: ["Delivered", "ok"],
  undelivered: ["Not delivered", "failed"],
  failed: ["Not delivered", "failed"],
};

/** What the provider last said about the code text, e.g. "Text message: Delivered". */
export function DeliveryStatus({
  delivery,
}: {
  delivery: ChallengeView["delivery"];
}) {
  const label = LABELS[delivery];
  if (!label) return null;
  return (
    <p className={styles.delivery} aria-live="polite">
      Text message:{" "}
      <span className={`${styles.badge} ${styles[label[1]]}`}>{label[0]}</span>
    </p>
  );
}

/** The provider said the text will not arrive: a call is the way on, at once. */
export function isUndelivered(view: ChallengeView): boolean {
  return view.delivery === "failed" || view.delivery === "undelivered";
}
