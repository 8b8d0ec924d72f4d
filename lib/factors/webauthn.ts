import "server-only";
import { randomBytes } from "node:crypto";
import type {
  AuthenticationResponseJSON,
  AuthenticatorTransport,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { keyedHash, seal, unseal } from "@/lib/keys";
import {
  PASSKEY_ALGORITHMS,
  PASSKEY_CHALLENGE_BYTES,
  PASSKEY_RP_NAME,
  PASSKEY_TIMEOUT_SECONDS,
} from "./policy";

// WebAuthn ceremonies through @simplewebauthn/server. The relying party is APP_URL: its hostname
// is the RP id, its origin the only origin accepted. A challenge is random and sealed: it names the
// step it belongs to (a sign-in challenge's id, or the signed-in user adding a passkey) and when it
// ends, so nothing is stored for it and it cannot be carried to another browser's step.

const SEAL_PURPOSE = "webauthn-challenge";

// The library is loaded by the first ceremony: the code routes that share this module's graph with
// the passkey step (a code, a send) never load it on their cold start.
const webauthn = () => import("@simplewebauthn/server");

interface RelyingParty {
  id: string;
  origin: string;
}

function relyingParty(appUrl: string): RelyingParty {
  const url = new URL(appUrl);
  return { id: url.hostname, origin: url.origin };
}

export interface StoredPasskey {
  credentialId: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
}

/** A fresh challenge bound to `binding`, valid for PASSKEY_TIMEOUT_SECONDS from `now`. */
export function sealChallenge(binding: string, now = Date.now()): string {
  const nonce = randomBytes(PASSKEY_CHALLENGE_BYTES).toString("base64url");
  const expires = now + PASSKEY_TIMEOUT_SECONDS * 1000;
  return seal(
    SEAL_PURPOSE,
    JSON.stringify({ b: binding, e: expires, n: nonce }),
  );
}

/** True for a challenge (base64url of its text, as clientDataJSON carries it) bound here and live. */
export function openChallenge(
  encoded: string,
  binding: string,
  now = Date.now(),
): boolean {
  const text = unseal(
    SEAL_PURPOSE,
    Buffer.from(encoded, "base64url").toString(),
  );
  if (!text) return false;
  const { b, e } = JSON.parse(text) as { b: string; e: number };
  return b === binding && now < e;
}

/** A stable, opaque user handle: never the email or the database id (WebAuthn §14.6.1). */
const userHandle = (userId: string) =>
  new Uint8Array(Buffer.from(keyedHash("passkey-user", userId), "base64url"));

/** Whether a discoverable passkey's user handle (base64url) is the one registered for `userId`. */
export function isUserHandleOf(
  handle: string | undefined,
  userId: string,
): boolean {
  return (
    typeof handle === "string" &&
    handle === Buffer.from(userHandle(userId)).toString("base64url")
  );
}

const asTransports = (t: string[]) => t as AuthenticatorTransport[];

export async function registrationOptions(
  appUrl: string,
  user: { id: string; email: string },
  existing: StoredPasskey[],
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const rp = relyingParty(appUrl);
  const { generateRegistrationOptions } = await webauthn();
  return generateRegistrationOptions({
    rpName: PASSKEY_RP_NAME,
    rpID: rp.id,
    userName: user.email,
    userID: userHandle(user.id),
    challenge: sealChallenge(`add:${user.id}`),
    timeout: PASSKEY_TIMEOUT_SECONDS * 1000,
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({
      id: p.credentialId,
      transports: asTransports(p.transports),
    })),
    // Discoverable, so the passkey alone can sign in ("Sign in with a passkey" names no account
    // first); one added before this was "preferred" may not be, and still serves as the second step.
    authenticatorSelection: {
      residentKey: "required",
      userVerification: "required",
    },
    supportedAlgorithmIDs: PASSKEY_ALGORITHMS,
  });
}

/** The new credential, or null when the response does not verify for this user and origin. */
export async function checkRegistration(
  appUrl: string,
  userId: string,
  response: RegistrationResponseJSON,
): Promise<StoredPasskey | null> {
  const rp = relyingParty(appUrl);
  const { verifyRegistrationResponse } = await webauthn();
  try {
    const result = await verifyRegistrationResponse({
      response,
      expectedChallenge: (c) => openChallenge(c, `add:${userId}`),
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
      supportedAlgorithmIDs: PASSKEY_ALGORITHMS,
    });
    if (!result.verified) return null;
    const { credential } = result.registrationInfo;
    return {
      credentialId: credential.id,
      publicKey: credential.publicKey,
      counter: credential.counter,
      transports: credential.transports ?? response.response.transports ?? [],
    };
  } catch {
    return null;
  }
}

export async function authenticationOptions(
  appUrl: string,
  challengeId: string,
  passkeys: StoredPasskey[],
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const rp = relyingParty(appUrl);
  const { generateAuthenticationOptions } = await webauthn();
  return generateAuthenticationOptions({
    rpID: rp.id,
    challenge: sealChallenge(`sign-in:${challengeId}`),
    timeout: PASSKEY_TIMEOUT_SECONDS * 1000,
    userVerification: "required",
    allowCredentials: passkeys.map((p) => ({
      id: p.credentialId,
      transports: asTransports(p.transports),
    })),
  });
}

/**
 * "Sign in with a passkey": options that name no credential, so the browser offers the passkeys
 * it holds for this site (a discoverable one carries its user handle back). Bound to `nonce`,
 * which the caller spends once.
 */
export async function discoverableOptions(
  appUrl: string,
  nonce: string,
  now = Date.now(),
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const rp = relyingParty(appUrl);
  const { generateAuthenticationOptions } = await webauthn();
  return generateAuthenticationOptions({
    rpID: rp.id,
    challenge: sealChallenge(`passkey-sign-in:${nonce}`, now),
    timeout: PASSKEY_TIMEOUT_SECONDS * 1000,
    userVerification: "required",
    allowCredentials: [],
  });
}

/** The nonce a passkey-only sign-in's challenge was sealed for, if it is one and still live. */
export function passkeySignInNonce(
  response: AuthenticationResponseJSON,
  now = Date.now(),
): string | null {
  try {
    const client = JSON.parse(
      Buffer.from(response.response.clientDataJSON, "base64url").toString(),
    ) as { challenge?: unknown };
    if (typeof client.challenge !== "string") return null;
    const text = unseal(
      SEAL_PURPOSE,
      Buffer.from(client.challenge, "base64url").toString(),
    );
    if (!text) return null;
    const { b, e } = JSON.parse(text) as { b: string; e: number };
    if (!b.startsWith("passkey-sign-in:") || now >= e) return null;
    return b.slice("passkey-sign-in:".length);
  } catch {
    return null;
  }
}

/**
 * The assertion's new signature counter, or null when it does not verify (signature, origin, RP
 * id, user verification, or a challenge not sealed for this step: `binding` is a sign-in's
 * challenge id, or `passkey-sign-in:<nonce>` for a passkey alone). The counter is checked by the
 * caller's conditional UPDATE, so a replay that races a first use cannot pass both.
 */
export async function checkAssertion(
  appUrl: string,
  binding: string | { passkeyOnly: string },
  passkey: StoredPasskey,
  response: AuthenticationResponseJSON,
): Promise<{ newCounter: number } | null> {
  const rp = relyingParty(appUrl);
  const sealedFor =
    typeof binding === "string"
      ? `sign-in:${binding}`
      : `passkey-sign-in:${binding.passkeyOnly}`;
  const { verifyAuthenticationResponse } = await webauthn();
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: (c) => openChallenge(c, sealedFor),
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
      // The counter rule lives in the database's conditional UPDATE (takePasskeyUse).
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: 0,
        transports: asTransports(passkey.transports),
      },
    });
    if (!result.verified) return null;
    return { newCounter: result.authenticationInfo.newCounter };
  } catch {
    return null;
  }
}
