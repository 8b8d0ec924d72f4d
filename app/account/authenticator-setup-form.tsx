"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormAlert } from "@/app/ui/form-alert";
import { useSubmit } from "@/app/ui/use-submit";
import styles from "./security.module.css";
import { SignInAgain } from "./session-action";
import { Button } from "@/app/ui/button";

interface Setup {
  setupKey: string;
  qrCode: string;
}

/** "Set up authenticator app": a QR code and the key as text, then "Turn on" with a code from it. */
export function AuthenticatorSetupForm() {
  const t = useTranslations("Account.authenticator");
  const router = useRouter();
  const starting = useSubmit<Setup>("/api/account/authenticator");
  const confirming = useSubmit("/api/account/authenticator/confirm", {
    onDone: () => router.refresh(),
    leaves: true,
  });
  const [code, setCode] = useState("");
  const setup = starting.done;
  const busy = confirming.pending;
  const error = confirming.error;

  function turnOn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void confirming.submit({ code });
  }

  if (!setup)
    return (
      <>
        <FormAlert error={starting.message} />
        <SignInAgain error={starting.error} />
        <Button
          type="button"
          className={styles.button}
          disabled={starting.pending}
          onClick={() => void starting.submit()}
        >
          {starting.pending ? t("preparing") : t("setUp")}
        </Button>
      </>
    );
  return (
    <form method="post" onSubmit={turnOn} noValidate>
      <ol className={styles.steps}>
        <li>
          {t("scan")}
          <br />
          {/* A data URL made on the server: nothing about the secret leaves for another host. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img className={styles.qr} src={setup.qrCode} alt={t("qrAlt")} />
        </li>
        <li>
          {t("byHand")}{" "}
          <code
            id="setup-key"
            className={styles.key}
            aria-label={t("keyLabel")}
          >
            {setup.setupKey}
          </code>
        </li>
        <li>{t("enterCode")}</li>
      </ol>
      <FormAlert error={confirming.message} />
      <SignInAgain error={error} />
      <div className="field">
        <label htmlFor="field-authenticator-code">{t("code")}</label>
        <input
          id="field-authenticator-code"
          name="code"
          className="code-input"
          value={code}
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          onChange={(e) =>
            setCode(e.target.value.replace(/\D/g, "").slice(0, 6))
          }
        />
      </div>
      <Button
        type="submit"
        className={styles.button}
        disabled={busy || code.length !== 6}
      >
        {busy ? t("turningOn") : t("turnOn")}
      </Button>
    </form>
  );
}
