"use client";

import { useLayoutEffect, useRef } from "react";

/**
 * A controlled input in the server's HTML can be typed into (or ticked) before the page's script
 * runs. React starts from its own initial state and would wipe that on its next render, so once
 * the input is hydrated it is handed to `adopt`, to take what it holds. Returns the input's ref.
 */
export function useEarlyInput(adopt: (input: HTMLInputElement) => void) {
  const ref = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => {
    if (ref.current) adopt(ref.current);
    // Once, as the input is hydrated: later changes arrive through its onChange.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return ref;
}
