"use client";

import { useTranslations } from "next-intl";
import { REMEMBER_DEVICE_DAYS } from "@/lib/devices/policy";
import { useEarlyInput } from "@/app/ui/use-early-input";
import styles from "./second-factor.module.css";

/** The box that lets this browser skip the second factor (never the password) next time. */
export function RememberDevice(props: {
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const t = useTranslations("Signin.verify");
  const ref = useEarlyInput((input) => input.checked && props.onChange(true));
  return (
    <div className={styles.remember}>
      <input
        ref={ref}
        id="field-remember"
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <label htmlFor="field-remember">
        {t("remember", { days: REMEMBER_DEVICE_DAYS })}
      </label>
    </div>
  );
}
