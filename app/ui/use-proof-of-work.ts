"use client";

import { useCallback, useEffect, useRef } from "react";
import { postJson } from "./post-json";

// The proof of work a sign-up or a change of phone sends (lib/proof-of-work): the browser fetches a
// challenge as the form appears and solves it while the person types, so nobody waits or sees it.
// The solver loads only then, in its own chunk, so it adds nothing to the page's first load.

export type ProofPurpose = "signup" | "phone-change";

interface Solved {
  /** Base64 JSON {challenge, solution}, as the ALTCHA widget sends it; undefined when it is off. */
  proof: string | undefined;
  /** Epoch seconds; a proof past it is refused, so a fresh one is solved instead. */
  expiresAt: number;
}

/** Solved proofs are not sent in their last minute: the request must reach the server in time. */
const MARGIN_SECONDS = 60;

async function solveOne(purpose: ProofPurpose): Promise<Solved> {
  const reply = await postJson<{
    challenge: {
      parameters: { expiresAt?: number; keyPrefix: string };
    } | null;
  }>("/api/proof-of-work", { purpose });
  if (!reply.ok) throw new Error(reply.error.message);
  const { challenge } = reply;
  if (!challenge) return { proof: undefined, expiresAt: Infinity };
  const [{ solveChallenge }, { deriveKey }] = await Promise.all([
    import("altcha-lib"),
    import("altcha-lib/algorithms/web/pbkdf2"),
  ]);
  const solution = await solveChallenge({
    challenge: challenge as Parameters<typeof solveChallenge>[0]["challenge"],
    deriveKey,
  });
  if (!solution) throw new Error("The proof of work timed out.");
  return {
    proof: btoa(JSON.stringify({ challenge, solution })),
    expiresAt: challenge.parameters.expiresAt ?? Infinity,
  };
}

/**
 * Starts solving as the form appears; `take()` gives the proof to send (waiting for it if the
 * person was quicker), and starts the next one, since each proof opens one request. On a failure it
 * gives nothing, and the server's refusal says to reload.
 */
export function useProofOfWork(purpose: ProofPurpose) {
  const next = useRef<Promise<Solved> | null>(null);
  const start = useCallback(() => {
    const solving = solveOne(purpose);
    solving.catch(() => undefined);
    next.current = solving;
  }, [purpose]);
  useEffect(() => {
    if (!next.current) start();
  }, [start]);

  return useCallback(async (): Promise<{ proof?: string }> => {
    let solved = await (next.current ?? solveOne(purpose)).catch(() => null);
    if (solved && solved.expiresAt - MARGIN_SECONDS < Date.now() / 1000)
      solved = await solveOne(purpose).catch(() => null);
    start();
    return solved?.proof ? { proof: solved.proof } : {};
  }, [purpose, start]);
}
