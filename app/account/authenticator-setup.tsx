"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { describeError } from "@/app/ui/describe-error";
import { FormAlert } from "@/app/ui/form-alert";
import { postJson } from "@/app/ui/post-json";
import type { ApiError } from "@/lib/http/types";
import styles from "./security.module.css";
import { SignInAgain } from "./session-action";
import { Button } from "@/app/ui/button";

interface Setup {
  setupKey: string;
  qrCode: string;
}

/** "Set up authenticator app": a QR code and the key as text, then "Turn on" with a code from it. */
export function AuthenticatorSetup() {
  const router = useRouter();
  const [setup, setSetup] = useState<Setup | null>(null);
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function start() {
    setBusy(true);
    setError(null);
    const result = await postJson<Setup>("/api/account/authenticator", {});
    if (result.ok)
      setSetup({ setupKey: result.setupKey, qrCode: result.qrCode });
    else setError(result.error);
    setBusy(false);
  }

  async function turnOn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await postJson("/api/account/authenticator/confirm", {
      code,
    });
    if (result.ok) return router.refresh();
    setError(result.error);
    setBusy(false);
  }

  if (!setup)
    return (
      <>
        <FormAlert error={error ? describeError(error) : null} />
        <SignInAgain error={error} />
        <Button
          type="button"
          className={styles.button}
          disabled={busy}
          onClick={() => void start()}
        >
          {busy ? "Preparing…" : "Set up authenticator app"}
        </Button>
      </>
    );
  return (
    <form method="post" onSubmit={turnOn} noValidate>
      <ol className={styles.steps}>
        <li>
          Scan this QR code with your authenticator app (for example Google
          Authenticator, Microsoft Authenticator, 1Password or Aegis).
          <br />
          {/* A data URL made on the server: nothing about the secret leaves for another host. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img
            className={styles.qr}
            src={setup.qrCode}
            alt="QR code for your authenticator app"
          />
        </li>
        <li>
          Can&apos;t scan it? Add an account by hand and enter this key:{" "}
          <code id="setup-key" className={styles.key} aria-label="Setup key">
            {setup.setupKey}
          </code>
        </li>
        <li>Enter the 6-digit code the app now shows for Twostep.</li>
      </ol>
      <FormAlert error={error ? describeError(error) : null} />
      <SignInAgain error={error} />
      <div className="field">
        <label htmlFor="field-authenticator-code">Authenticator code</label>
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
        {busy ? "Turning on…" : "Turn on"}
      </Button>
    </form>
  );
}
