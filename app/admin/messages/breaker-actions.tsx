"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/app/ui/button";
import { FormAlert } from "@/app/ui/form-alert";
import { postJson } from "@/app/ui/post-json";
import { useSubmit } from "@/app/ui/use-submit";
import { StepUp } from "../step-up";
import styles from "../console.module.css";

export interface BreakerRow {
  scope: string;
  label: string;
  until: string;
  why: string;
}

/** How long "Extend" pauses for, from now: an hour to the longest the server allows. */
const EXTENSIONS = [
  { minutes: 60, label: "1 hour" },
  { minutes: 6 * 60, label: "6 hours" },
  { minutes: 24 * 60, label: "24 hours" },
  { minutes: 7 * 24 * 60, label: "7 days" },
] as const;

/**
 * The breakers in force, each with "Lift" and "Extend", and the reason typed above them: it goes
 * into the audit rows, as for every console action.
 */
export function BreakerActions({ breakers }: { breakers: BreakerRow[] }) {
  const router = useRouter();
  const reasonId = useId();
  const extendId = useId();
  const [reason, setReason] = useState("");
  const [minutes, setMinutes] = useState<number>(EXTENSIONS[0].minutes);
  const [info, setInfo] = useState<string | null>(null);
  const [last, setLast] = useState<string | null>(null);
  const run = useSubmit<object>((body) => postJson("/api/admin/breaker", body));

  async function act(b: BreakerRow, action: "lift" | "extend") {
    setInfo(null);
    setLast(`${action} ${b.scope}`);
    const done = await run.submit({
      scope: b.scope,
      action,
      ...(action === "extend" ? { minutes } : {}),
      reason: reason.trim(),
    });
    if (done) {
      setReason("");
      const extension = EXTENSIONS.find((e) => e.minutes === minutes)?.label;
      setInfo(
        action === "lift"
          ? `Lifted: codes to ${b.label} go out again.`
          : `Extended: codes to ${b.label} stay paused for ${extension}.`,
      );
      router.refresh();
    }
  }

  const reasonError = run.error?.fields?.reason ?? null;
  const missing = reasonError !== null;
  const busy = (b: BreakerRow, action: string) =>
    run.pending && last === `${action} ${b.scope}`;

  return (
    <>
      <div className={styles.breakerFields}>
        <div className="field">
          <label htmlFor={reasonId}>Reason</label>
          <textarea
            id={reasonId}
            className={styles.reason}
            value={reason}
            rows={2}
            maxLength={500}
            aria-invalid={missing ? true : undefined}
            aria-describedby={`${reasonId}-hint${missing ? ` ${reasonId}-error` : ""}`}
            onChange={(e) => setReason(e.target.value)}
          />
          <p id={`${reasonId}-hint`} className="hint">
            Required to lift or extend a pause: what you saw and why. It is kept
            in the audit rows.
          </p>
          {missing ? (
            <p id={`${reasonId}-error`} className="field-error">
              {reasonError}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={extendId}>Extend by</label>
          <select
            id={extendId}
            className={styles.select}
            value={minutes}
            onChange={(e) => setMinutes(Number(e.target.value))}
          >
            {EXTENSIONS.map((e) => (
              <option key={e.minutes} value={e.minutes}>
                {e.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <FormAlert error={missing ? null : run.message} info={info} />
      {run.error?.code === "PASSKEY_REQUIRED" ? <StepUp /> : null}
      <ul className={styles.breakers} aria-label="Breakers in force">
        {breakers.map((b) => (
          <li key={b.scope}>
            <div id={`breaker-${b.scope}`}>
              <span className={styles.what}>Codes to {b.label}</span>
              <span className={styles.detail}>Paused until {b.until}</span>
              <span className={styles.detail}>{b.why}</span>
            </div>
            <div className={styles.buttons}>
              <Button
                disabled={run.pending}
                aria-describedby={`breaker-${b.scope}`}
                onClick={() => void act(b, "lift")}
              >
                {busy(b, "lift") ? "Lifting…" : "Lift"}
              </Button>
              <Button
                className="secondary"
                disabled={run.pending}
                aria-describedby={`breaker-${b.scope}`}
                onClick={() => void act(b, "extend")}
              >
                {busy(b, "extend") ? "Extending…" : "Extend"}
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
