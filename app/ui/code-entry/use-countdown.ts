"use client";

import { useEffect, useState } from "react";

/**
 * Whole seconds left of a wait the server measured (`seconds` from now), ticking once a second.
 * A new `key` (e.g. a fresh challenge view after a resend) restarts it. Counting from the
 * server's relative figure keeps a wrong device clock out of it.
 */
export function useCountdown(seconds: number, key: unknown): number {
  const [state, setState] = useState({ key, left: seconds });
  if (state.key !== key) setState({ key, left: seconds });
  useEffect(() => {
    const deadline = Date.now() + seconds * 1000;
    const timer = setInterval(() => {
      const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      setState((s) => (s.left === left ? s : { ...s, left }));
      if (left === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [seconds, key]);
  return state.key === key ? state.left : seconds;
}
