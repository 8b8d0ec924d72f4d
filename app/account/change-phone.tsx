"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormAlert } from "@/app/ui/form-alert";
import type { ChallengeView } from "@/lib/challenge/view";
import { NewPhoneCode } from "./new-phone-code";
import { NewPhoneNumber } from "./new-phone-number";
import styles from "./remembered-devices.module.css";
import { Button } from "@/app/ui/button";

type Step =
  | { at: "closed"; changed?: boolean }
  | { at: "number" }
  | { at: "code"; view: ChallengeView };

/**
 * "Change phone number": a new number, then the code sent to it. Allowed within 10 minutes of
 * passing a second factor; the number on file changes only once the code is entered, and then the
 * other devices are signed out.
 */
export function ChangePhone({ hasPhone }: { hasPhone: boolean }) {
  const t = useTranslations("Account.changePhone");
  const router = useRouter();
  const [step, setStep] = useState<Step>({ at: "closed" });
  const toNumber = () => setStep({ at: "number" });

  function changed() {
    setStep({ at: "closed", changed: true });
    router.refresh();
  }

  return (
    <section className={styles.devices} aria-labelledby="phone-heading">
      <h3 id="phone-heading">{t("heading")}</h3>
      <p className={styles.status}>{hasPhone ? t("hasPhone") : t("noPhone")}</p>
      <FormAlert
        info={step.at === "closed" && step.changed ? t("changed") : null}
      />
      {step.at === "number" ? (
        <NewPhoneNumber
          onSent={(view) => setStep({ at: "code", view })}
          onCancel={() => setStep({ at: "closed" })}
        />
      ) : step.at === "code" ? (
        <NewPhoneCode
          initial={step.view}
          onChanged={changed}
          onRestart={toNumber}
        />
      ) : (
        <div>
          <Button type="button" className="secondary" onClick={toNumber}>
            {t("open")}
          </Button>
        </div>
      )}
    </section>
  );
}
