"use client";

import { useEffect } from "react";
import type { ChallengeView } from "@/lib/challenge/view";

// While a text is on its way the provider reports on it (queued → sent → delivered or failed);
// the page asks for news every few seconds, for about a minute, then stops. Carriers in the US
// and Canada never report past "sent", hence the limit.
const POLL_EVERY_MS = 3_000;
const MAX_POLLS = 20;
const IN_FLIGHT: ChallengeView["delivery"][] = ["queued", "sent"];

/**
 * Calls onChange with a fresh view whenever the delivery status of the current text moves on;
 * `statusUrl` answers with this browser's challenge (the sign-in's, or a phone change's).
 */
export function useDeliveryUpdates(
  view: ChallengeView,
  enabled: boolean,
  onChange: (next: ChallengeView) => void,
  statusUrl = "/api/otp/status",
) {
  useEffect(() => {
    if (!enabled || view.locked || !IN_FLIGHT.includes(view.delivery)) return;
    let polls = 0;
    const timer = setInterval(async () => {
      if (++polls >= MAX_POLLS) clearInterval(timer);
      const next = await fetchView(statusUrl);
      if (next && next.delivery !== view.delivery) {
        clearInterval(timer);
        onChange(next);
      }
    }, POLL_EVERY_MS);
    return () => clearInterval(timer);
  }, [view, enabled, onChange, statusUrl]);
}

async function fetchView(url: string): Promise<ChallengeView | null> {
  try {
    const response = await fetch(url, { cache: "no-store" });
    if (!response.ok) return null;
    const body = (await response.json()) as { challenge?: ChallengeView };
    return body.challenge ?? null;
  } catch {
    return null; // offline for a moment: the next poll tries again
  }
}
