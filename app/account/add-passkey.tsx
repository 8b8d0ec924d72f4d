"use client";

import { startRegistration } from "@simplewebauthn/browser";
import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/browser";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { describeError } from "@/app/ui/describe-error";
import { FormAlert } from "@/app/ui/form-alert";
import { postJson } from "@/app/ui/post-json";
import { ERRORS } from "@/lib/errors";
import { PASSKEY_NAME_MAX_CHARS } from "@/lib/factors/policy";
import type { ApiError } from "@/lib/http/types";
import styles from "./security.module.css";
import { SignInAgain } from "./session-action";
import { Button } from "@/app/ui/button";
import { useEarlyInput } from "@/app/ui/use-early-input";

const CANCELLED: ApiError = {
  code: "PASSKEY_NOT_ADDED",
  message: ERRORS.PASSKEY_NOT_ADDED.message,
  final: false,
};

/** "Add a passkey": names it, lets the browser create it, and saves it once the server verified it. */
export function AddPasskey() {
  const router = useRouter();
  const [name, setName] = useState("");
  const ref = useEarlyInput((input) => input.value && setName(input.value));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const start = await postJson<{
      options: PublicKeyCredentialCreationOptionsJSON;
    }>("/api/account/passkeys", {});
    if (!start.ok) {
      setError(start.error);
      return setBusy(false);
    }
    const response = await startRegistration({
      optionsJSON: start.options,
    }).catch(() => null);
    const saved = response
      ? await postJson("/api/account/passkeys/add", { name, response })
      : ({ ok: false, error: CANCELLED } as const);
    if (saved.ok) {
      setName("");
      setBusy(false);
      return router.refresh();
    }
    setError(saved.error);
    setBusy(false);
  }

  return (
    <form method="post" onSubmit={add} noValidate className={styles.factor}>
      <FormAlert error={error ? describeError(error) : null} />
      <SignInAgain error={error} />
      <div className="field">
        <label htmlFor="field-passkey-name">Passkey name</label>
        <input
          id="field-passkey-name"
          name="passkeyName"
          ref={ref}
          value={name}
          maxLength={PASSKEY_NAME_MAX_CHARS}
          placeholder="Work laptop"
          autoComplete="off"
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <Button
        type="submit"
        className={`secondary ${styles.button}`}
        disabled={busy || name.trim() === ""}
      >
        {busy ? "Adding…" : "Add a passkey"}
      </Button>
    </form>
  );
}
