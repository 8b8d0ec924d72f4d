import { useId } from "react";
import styles from "./console.module.css";

/**
 * The "Reason" every console action asks for, with its hint and, once the server has said what is
 * wrong with it (lib/validation/console.ts), that error, tied to the field for screen readers.
 */
export function ReasonField({
  label,
  hint,
  value,
  onChange,
  error,
}: {
  label: string;
  hint: string;
  value: string;
  onChange: (reason: string) => void;
  error: string | null;
}) {
  const id = useId();
  const missing = error !== null;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        className={styles.reason}
        value={value}
        rows={2}
        maxLength={500}
        aria-invalid={missing ? true : undefined}
        aria-describedby={`${id}-hint${missing ? ` ${id}-error` : ""}`}
        onChange={(e) => onChange(e.target.value)}
      />
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
      {missing ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
