"use client";

import type { ButtonHTMLAttributes } from "react";
import { useHydrated } from "./use-hydrated";

/**
 * Every button of this app acts through the page's script. In the server's HTML, before that
 * script runs, a click would be lost (or a form would post itself natively), so the button is
 * disabled until then. It keeps its look meanwhile, so a page that loads fast does not flicker.
 */
export function Button({
  disabled,
  type = "button",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement>) {
  const hydrated = useHydrated();
  return (
    <button
      {...props}
      type={type}
      disabled={!hydrated || disabled}
      data-waiting={!hydrated && !disabled ? "" : undefined}
    />
  );
}
