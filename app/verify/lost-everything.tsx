"use client";

import { Button } from "@/app/ui/button";
import { FormAlert } from "@/app/ui/form-alert";
import { useSubmit } from "@/app/ui/use-submit";
import { RECOVERY_LINK_TTL_SECONDS } from "@/lib/account/recovery-policy";
import styles from "./second-factor.module.css";

const LINK_MINUTES = Math.round(RECOVERY_LINK_TTL_SECONDS / 60);

/**
 * "Lost your phone and codes?": the way back for a person with none of the factors this step
 * offers. Their password already passed; a link to the account's verified address comes next.
 */
export function LostEverything() {
  const asking = useSubmit("/api/recovery");
  return (
    <section className={styles.lost} aria-labelledby="lost-heading">
      <h2 id="lost-heading">Can&apos;t use any of these?</h2>
      <FormAlert
        error={asking.message}
        info={
          asking.done
            ? `We emailed a link to your account's address. Open it to name a new phone number; it works for ${LINK_MINUTES} minutes.`
            : null
        }
      />
      {asking.done ? null : (
        <Button
          type="button"
          className="secondary"
          disabled={asking.pending}
          onClick={() => void asking.submit({})}
        >
          {asking.pending ? "Sending a link…" : "Lost your phone and codes?"}
        </Button>
      )}
    </section>
  );
}
