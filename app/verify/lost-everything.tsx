"use client";

import { useTranslations } from "next-intl";
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
  const t = useTranslations("Signin.verify");
  const asking = useSubmit("/api/recovery");
  return (
    <section className={styles.lost} aria-labelledby="lost-heading">
      <h2 id="lost-heading">{t("lostHeading")}</h2>
      <FormAlert
        error={asking.message}
        info={asking.done ? t("lostSent", { minutes: LINK_MINUTES }) : null}
      />
      {asking.done ? null : (
        <Button
          type="button"
          className="secondary"
          disabled={asking.pending}
          onClick={() => void asking.submit({})}
        >
          {asking.pending ? t("lostSending") : t("lostButton")}
        </Button>
      )}
    </section>
  );
}
