import { randomUUID } from "node:crypto";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { describe, expect, it, vi } from "vitest";
import { POST as changePhone } from "@/app/api/account/phone/route";
import { POST as signup } from "@/app/api/signup/route";
import { ERRORS } from "@/lib/errors";
import { listOutbox } from "@/lib/messaging/outbox";
import { PROOF_CHALLENGES_PER_IP_PER_HOUR } from "@/lib/limits/policy";
import { createProofChallenge } from "@/lib/proof-of-work";
import {
  postAsBrowser,
  setUpAccountRouteSuite,
  signInBrowser,
} from "@/test/support/account-session";
import { createTestAccount } from "@/test/support/accounts";
import { cookieJar, jsonRequest } from "@/test/support/next-request";
import { randomMobile } from "@/test/support/phones";
import { POST as challengeRoute } from "./route";

// Proof of work before a text to a number still being proven, through the real routes with it on
// (the test rig turns it off elsewhere): a browser's solved challenge opens one sign-up; a missing,
// reused, forged, expired or other step's proof opens none, and no text goes out.

vi.mock("next/headers", () => import("@/test/support/next-request"));
vi.hoisted(() => {
  process.env.PROOF_OF_WORK = "on";
  // The client address a proxy hop names is the one counted (the challenge limit).
  process.env.TRUSTED_PROXY_HOPS = "1";
});

type Purpose = "signup" | "phone-change";

async function fetchChallenge(purpose: Purpose) {
  const res = await challengeRoute(
    jsonRequest("/api/proof-of-work", { purpose }),
  );
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toBe("no-store");
  const { challenge } = await res.json();
  return challenge;
}

/** What a browser does: solve the challenge, send both back as base64 JSON. */
async function solve(challenge: Awaited<ReturnType<typeof fetchChallenge>>) {
  const solution = await solveChallenge({ challenge, deriveKey });
  expect(solution).not.toBeNull();
  return encode({ challenge, solution });
}
const encode = (payload: object) =>
  Buffer.from(JSON.stringify(payload)).toString("base64");

async function signUp(phone: string, proof?: string) {
  cookieJar.clear();
  const body = {
    email: `${randomUUID()}@example.com`,
    password: "correct horse battery",
    phone,
    ...(proof === undefined ? {} : { proof }),
  };
  const res = await signup(jsonRequest("/api/signup", body));
  return { status: res.status, json: await res.json() };
}

function expectRefused(reply: Awaited<ReturnType<typeof signUp>>) {
  expect(reply.status).toBe(400);
  expect(reply.json.error).toMatchObject({
    code: "PROOF_OF_WORK_FAILED",
    message: ERRORS.PROOF_OF_WORK_FAILED.message,
  });
}

describe("proof of work before a text to an unproven number", () => {
  setUpAccountRouteSuite();

  it("lets a sign-up with a solved challenge text its number", async () => {
    const phone = randomMobile();
    const reply = await signUp(
      phone,
      await solve(await fetchChallenge("signup")),
    );
    expect(reply.status).toBe(200);
    expect(listOutbox(phone)).toHaveLength(1);
  });

  it("refuses a sign-up without a proof, and texts nobody", async () => {
    const phone = randomMobile();
    expectRefused(await signUp(phone));
    expectRefused(await signUp(phone, ""));
    expectRefused(await signUp(phone, "bm90IGEgcHJvb2Y="));
    expect(listOutbox(phone)).toHaveLength(0);
  });

  it("accepts a proof once: the same proof again opens nothing", async () => {
    const proof = await solve(await fetchChallenge("signup"));
    const [first, second] = [randomMobile(), randomMobile()];
    expect((await signUp(first, proof)).status).toBe(200);
    expectRefused(await signUp(second, proof));
    expect(listOutbox(second)).toHaveLength(0);
  });

  it("refuses a forged proof: a guessed answer, a challenge it did not sign, or one edited after signing", async () => {
    const phone = randomMobile();
    const challenge = await fetchChallenge("signup");
    const solved = JSON.parse(
      Buffer.from(await solve(challenge), "base64").toString(),
    );
    // An answer nobody worked for.
    expectRefused(
      await signUp(
        phone,
        encode({
          challenge,
          solution: { counter: 1, derivedKey: "00".repeat(32) },
        }),
      ),
    );
    // A challenge made by someone else's key: solved, but not ours.
    const { createChallenge } = await import("altcha-lib");
    const theirs = await createChallenge({
      algorithm: "PBKDF2/SHA-256",
      cost: 1,
      counter: 1,
      deriveKey,
      data: { purpose: "signup" },
      expiresAt: Math.floor(Date.now() / 1000) + 600,
      hmacSignatureSecret: "not the app's secret",
    });
    const easy = await solveChallenge({ challenge: theirs, deriveKey });
    expectRefused(
      await signUp(phone, encode({ challenge: theirs, solution: easy })),
    );
    // Ours, with an easier prefix or a later expiry written in.
    for (const edit of [
      { keyPrefix: "00" },
      { expiresAt: solved.challenge.parameters.expiresAt + 3600 },
    ])
      expectRefused(
        await signUp(
          phone,
          encode({
            ...solved,
            challenge: {
              ...solved.challenge,
              parameters: { ...solved.challenge.parameters, ...edit },
            },
          }),
        ),
      );
    expect(listOutbox(phone)).toHaveLength(0);
    // The genuine one still works: the refusals spent nothing.
    expect((await signUp(phone, encode(solved))).status).toBe(200);
  });

  it("refuses a proof made for another step, or one past its expiry", async () => {
    const phone = randomMobile();
    expectRefused(
      await signUp(phone, await solve(await fetchChallenge("phone-change"))),
    );
    const stale = await createProofChallenge(
      "signup",
      Date.now() - 11 * 60_000,
    );
    expectRefused(await signUp(phone, await solve(stale)));
    expect(listOutbox(phone)).toHaveLength(0);
  });

  it("asks a proof before texting a new phone number too", async () => {
    const person = await createTestAccount({
      email: `${randomUUID()}@example.com`,
      phone: randomMobile("+3361"),
    });
    await signInBrowser(person.id, person.email);
    const phone = randomMobile("+3362");
    const send = (proof?: string) =>
      postAsBrowser(
        changePhone,
        "/api/account/phone",
        { phone, ...(proof && { proof }) },
        "203.0.113.9",
      );
    const refused = await send();
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe("PROOF_OF_WORK_FAILED");
    expect(listOutbox(phone)).toHaveLength(0);
    // A sign-up's proof is not a phone change's.
    expect(
      (await send(await solve(await fetchChallenge("signup")))).status,
    ).toBe(400);
    const proof = await solve(await fetchChallenge("phone-change"));
    expect((await send(proof)).status).toBe(200);
    expect(listOutbox(phone)).toHaveLength(1);
  });

  it("refuses a client address more challenges an hour than the limit with 429, and spares other addresses", async () => {
    const ask = (ip: string) =>
      challengeRoute(
        jsonRequest("/api/proof-of-work", { purpose: "signup" }, { ip }),
      );
    const ip = "198.51.100.77";
    for (let i = 0; i < PROOF_CHALLENGES_PER_IP_PER_HOUR; i++)
      expect((await ask(ip)).status).toBe(200);
    const refused = await ask(ip);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await refused.json()).error.code).toBe("RATE_LIMITED");
    expect((await ask("203.0.113.78")).status).toBe(200);
  });
});
