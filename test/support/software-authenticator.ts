import {
  createHash,
  generateKeyPairSync,
  randomBytes,
  sign,
} from "node:crypto";
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";

// A software passkey for tests: an ES256 key pair that answers WebAuthn ceremonies the way a
// platform authenticator does (attestation "none", user present and verified), so the server's
// verification runs on real signatures. Enough CBOR (RFC 8949) for the attestation object.

type Cbor = number | string | Uint8Array | Map<Cbor, Cbor>;

function head(major: number, n: number): Buffer {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
  const b = Buffer.alloc(3);
  b[0] = (major << 5) | 25;
  b.writeUInt16BE(n, 1);
  return b;
}

export function encodeCbor(v: Cbor): Buffer {
  if (typeof v === "number") return v >= 0 ? head(0, v) : head(1, -1 - v);
  if (typeof v === "string") {
    const s = Buffer.from(v, "utf8");
    return Buffer.concat([head(3, s.length), s]);
  }
  if (v instanceof Uint8Array) return Buffer.concat([head(2, v.length), v]);
  const parts = [...v].flatMap(([k, x]) => [encodeCbor(k), encodeCbor(x)]);
  return Buffer.concat([head(5, v.size), ...parts]);
}

const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest();
const b64url = (b: Buffer) => b.toString("base64url");

export interface SoftwarePasskey {
  credentialId: string;
  counter: number;
  /** Answers a registration: the response the browser would send. */
  register(
    options: PublicKeyCredentialCreationOptionsJSON,
    origin: string,
  ): RegistrationResponseJSON;
  /** Answers a sign-in with the next counter (or `counter`, to replay or regress it). */
  assert(
    options: PublicKeyCredentialRequestOptionsJSON,
    origin: string,
    override?: { counter?: number; userVerified?: boolean; rpId?: string },
  ): AuthenticationResponseJSON;
}

/**
 * `discoverable: false` is a passkey the authenticator does not keep (an older, server-side
 * credential): it answers only a request that names it, and returns no user handle.
 */
export function softwarePasskey(
  opts: { keepsCounter?: boolean; discoverable?: boolean } = {},
) {
  let userHandle: string | undefined;
  const { privateKey, publicKey } = generateKeyPairSync("ec", {
    namedCurve: "P-256",
  });
  const jwk = publicKey.export({ format: "jwk" });
  const cose = new Map<Cbor, Cbor>([
    [1, 2], // kty: EC2
    [3, -7], // alg: ES256
    [-1, 1], // crv: P-256
    [-2, Buffer.from(jwk.x!, "base64url")],
    [-3, Buffer.from(jwk.y!, "base64url")],
  ]);
  const rawId = randomBytes(16);
  const counter = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const clientData = (type: string, challenge: string, origin: string) =>
    Buffer.from(
      JSON.stringify({ type, challenge, origin, crossOrigin: false }),
    );

  const passkey: SoftwarePasskey = {
    credentialId: b64url(rawId),
    counter: 0,
    register(options, origin) {
      if (opts.discoverable !== false) userHandle = options.user.id;
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(rawId.length);
      const authData = Buffer.concat([
        sha256(options.rp.id!),
        Buffer.from([0x45]), // user present, user verified, attested credential data
        counter(0),
        Buffer.alloc(16), // AAGUID: none
        idLength,
        rawId,
        encodeCbor(cose),
      ]);
      const attestationObject = encodeCbor(
        new Map<Cbor, Cbor>([
          ["fmt", "none"],
          ["attStmt", new Map()],
          ["authData", authData],
        ]),
      );
      return {
        id: passkey.credentialId,
        rawId: passkey.credentialId,
        type: "public-key",
        clientExtensionResults: {},
        response: {
          clientDataJSON: b64url(
            clientData("webauthn.create", options.challenge, origin),
          ),
          attestationObject: b64url(attestationObject),
          transports: ["internal"],
        },
      };
    },
    assert(options, origin, override = {}) {
      const named = options.allowCredentials?.length ?? 0;
      if (!named && !userHandle)
        throw new Error("a passkey the authenticator does not keep");
      if (opts.keepsCounter !== false && override.counter === undefined)
        passkey.counter += 1;
      const n = override.counter ?? passkey.counter;
      const flags = override.userVerified === false ? 0x01 : 0x05;
      const authData = Buffer.concat([
        sha256(override.rpId ?? options.rpId!),
        Buffer.from([flags]),
        counter(n),
      ]);
      const cd = clientData("webauthn.get", options.challenge, origin);
      const signature = sign(
        "sha256",
        Buffer.concat([authData, sha256(cd)]),
        privateKey,
      );
      return {
        id: passkey.credentialId,
        rawId: passkey.credentialId,
        type: "public-key",
        clientExtensionResults: {},
        response: {
          clientDataJSON: b64url(cd),
          authenticatorData: b64url(authData),
          signature: b64url(signature),
          ...(userHandle ? { userHandle } : {}),
        },
      };
    },
  };
  return passkey;
}
