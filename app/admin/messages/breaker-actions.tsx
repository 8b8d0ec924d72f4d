"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/app/ui/button";
import { FormAlert } from "@/app/ui/form-alert";
import { postJson } from "@/app/ui/post-json";
import { useSubmit } from "@/app/ui/use-submit";
import { StepUpButton } from "../step-up-button";
import { ReasonField } from "../reason-field";
import styles from "../console.module.css";

export interface BreakerRow {
  scope: string;
  /** What it covers, in the reader's words ("numbers in Germany"). */
  label: string;
  until: string;
  why: string;
}

/** How long "Extend" pauses for, from now: an hour to the longest the server allows. */
const EXTENSIONS = [
  { minutes: 60, unit: "hours", count: 1 },
  { minutes: 6 * 60, unit: "hours", count: 6 },
  { minutes: 24 * 60, unit: "hours", count: 24 },
  { minutes: 7 * 24 * 60, unit: "days", count: 7 },
] as const;

/**
 * The breakers in force, each with "Lift" and "Extend", and the reason typed above them: it goes
 * into the audit rows, as for every console action.
 */
export function BreakerActions({ breakers }: { breakers: BreakerRow[] }) {
  const t = useTranslations("Admin.breakers");
  /** "6 hours", "7 Tage": an extension's length in the reader's words. */
  const lengthOf = (e: (typeof EXTENSIONS)[number]) =>
    t(e.unit, { count: e.count });
  const router = useRouter();
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
      // The select offers only these lengths.
      const extension =
        EXTENSIONS.find((e) => e.minutes === minutes) ?? EXTENSIONS[0];
      setInfo(
        action === "lift"
          ? t("lifted", { place: b.label })
          : t("extended", { place: b.label, duration: lengthOf(extension) }),
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
        <ReasonField
          label={t("reason")}
          hint={t("hint")}
          value={reason}
          onChange={setReason}
          error={reasonError}
        />
        <div className="field">
          <label htmlFor={extendId}>{t("extendBy")}</label>
          <select
            id={extendId}
            className={styles.select}
            value={minutes}
            onChange={(e) => setMinutes(Number(e.target.value))}
          >
            {EXTENSIONS.map((e) => (
              <option key={e.minutes} value={e.minutes}>
                {lengthOf(e)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <FormAlert error={missing ? null : run.message} info={info} />
      {run.error?.code === "PASSKEY_REQUIRED" ? <StepUpButton /> : null}
      <ul className={styles.breakers} aria-label={t("list")}>
        {breakers.map((b) => (
          <li key={b.scope}>
            <div id={`breaker-${b.scope}`}>
              <span className={styles.what}>
                {t("codesTo", { place: b.label })}
              </span>
              <span className={styles.detail}>
                {t("pausedUntil", { until: b.until })}
              </span>
              <span className={styles.detail}>{b.why}</span>
            </div>
            <div className={styles.buttons}>
              <Button
                disabled={run.pending}
                aria-describedby={`breaker-${b.scope}`}
                onClick={() => void act(b, "lift")}
              >
                {busy(b, "lift") ? t("lifting") : t("lift")}
              </Button>
              <Button
                className="secondary"
                disabled={run.pending}
                aria-describedby={`breaker-${b.scope}`}
                onClick={() => void act(b, "extend")}
              >
                {busy(b, "extend") ? t("extending") : t("extend")}
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
