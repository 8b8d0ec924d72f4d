import styles from "./page-skeleton.module.css";

/**
 * The card a page will fill, shown while its server data loads: the heading at once, grey lines
 * where the text and the controls will be, and a status for screen readers.
 */
export function PageSkeleton({
  title,
  status,
  lines = 2,
  blocks = 2,
  wide = false,
}: {
  title: string;
  status: string;
  lines?: number;
  blocks?: number;
  wide?: boolean;
}) {
  return (
    <section className={wide ? "card wide" : "card"} aria-busy="true">
      <h1>{title}</h1>
      <p role="status" className={styles.status}>
        {status}
      </p>
      <div className={styles.stack} aria-hidden="true">
        {Array.from({ length: lines }, (_, i) => (
          <div
            key={`line-${i}`}
            className={`${styles.line} ${i === lines - 1 ? styles.short : ""}`}
          />
        ))}
        {Array.from({ length: blocks }, (_, i) => (
          <div
            key={`block-${i}`}
            className={`${styles.line} ${styles.block}`}
          />
        ))}
      </div>
    </section>
  );
}
