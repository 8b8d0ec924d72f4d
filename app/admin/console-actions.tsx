"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/app/ui/button";
import { FormAlert } from "@/app/ui/form-alert";
import { postJson } from "@/app/ui/post-json";
import { useSubmit } from "@/app/ui/use-submit";
import { StepUpButton } from "./step-up-button";
import { ReasonField } from "./reason-field";
import styles from "./console.module.css";

interface Action {
  url: string;
  label: string;
  done: string;
  factorId?: string;
}

/**
 * What an operator may do to the account, each with the reason typed above the buttons: it goes
 * into the audit rows. The person is told of each by email and text.
 */
export function ConsoleActions({
  userId,
  locked,
  switchedOff,
  sessions,
  factors,
}: {
  userId: string;
  locked: boolean;
  switchedOff: boolean;
  sessions: number;
  factors: { id: string; label: string }[];
}) {
  const t = useTranslations("Admin.actions");
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [info, setInfo] = useState<string | null>(null);
  const [last, setLast] = useState<Action | null>(null);
  // One submit at a time, to whichever action's route was pressed.
  const run = useSubmit<object>((body) => {
    const { url, ...rest } = body as { url: string };
    return postJson(url, rest);
  });

  async function act(action: Action) {
    setInfo(null);
    setLast(action);
    const done = await run.submit({
      url: action.url,
      userId,
      reason: reason.trim(),
      ...(action.factorId ? { factorId: action.factorId } : {}),
    });
    if (done) {
      setReason("");
      setInfo(action.done);
      router.refresh();
    }
  }

  // The server says what is wrong with the reason (lib/validation/console.ts).
  const reasonError = run.error?.fields?.reason ?? null;
  const missing = reasonError !== null;

  const busy = (a: Pick<Action, "url" | "factorId">) =>
    run.pending && last?.url === a.url && last.factorId === a.factorId;

  /** One action's button: its own words while it runs, every button off while any runs. */
  const press = (
    action: Action & { busyLabel: string },
    className?: string,
    off = false,
  ) => (
    <Button
      className={className}
      disabled={run.pending || off}
      onClick={() => void act(action)}
    >
      {busy(action) ? action.busyLabel : action.label}
    </Button>
  );

  return (
    <section className={styles.panel} aria-labelledby="actions-heading">
      <h2 id="actions-heading">{t("heading")}</h2>
      <ReasonField
        label={t("reason")}
        hint={t("hint")}
        value={reason}
        onChange={setReason}
        error={reasonError}
      />
      <FormAlert error={missing ? null : run.message} info={info} />
      {run.error?.code === "PASSKEY_REQUIRED" ? <StepUpButton /> : null}
      <div className={styles.buttons}>
        {locked
          ? press({
              url: "/api/admin/unlock",
              label: t("unlock"),
              busyLabel: t("unlocking"),
              done: t("unlocked"),
            })
          : null}
        {press(
          {
            url: "/api/admin/end-sessions",
            label: t("endSessions"),
            busyLabel: t("endingSessions"),
            done: t("sessionsEnded"),
          },
          "secondary",
          sessions === 0,
        )}
        {switchedOff
          ? press(
              {
                url: "/api/admin/switch-on",
                label: t("switchOn"),
                busyLabel: t("switchingOn"),
                done: t("switchedOn"),
              },
              "secondary",
            )
          : press(
              {
                url: "/api/admin/switch-off",
                label: t("switchOff"),
                busyLabel: t("switchingOff"),
                done: t("switchedOff"),
              },
              styles.danger,
            )}
        {press(
          {
            url: "/api/admin/start-deletion",
            label: t("startDeletion"),
            busyLabel: t("startingDeletion"),
            done: t("deletionStarted"),
          },
          styles.danger,
        )}
      </div>
      {factors.length > 0 ? (
        <ul className={styles.factors} aria-label={t("factors")}>
          {factors.map((f) => (
            <li key={f.id}>
              <span id={`factor-${f.id}`}>{f.label}</span>
              <Button
                className="secondary"
                disabled={run.pending}
                aria-describedby={`factor-${f.id}`}
                onClick={() =>
                  void act({
                    url: "/api/admin/remove-factor",
                    label: t("remove"),
                    factorId: f.id,
                    done: t("removed", { factor: f.label }),
                  })
                }
              >
                {busy({ url: "/api/admin/remove-factor", factorId: f.id })
                  ? t("removing")
                  : t("remove")}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
