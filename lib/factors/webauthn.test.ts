import { describe, expect, it } from "vitest";
import { PASSKEY_TIMEOUT_SECONDS } from "./policy";
import { openChallenge, sealChallenge } from "./webauthn";

// A WebAuthn challenge as clientDataJSON carries it: base64url of the sealed text.
const asClientData = (sealed: string) =>
  Buffer.from(sealed).toString("base64url");

describe("passkey challenges", () => {
  it("are random each time and open only for the step they were sealed for", () => {
    const now = Date.now();
    const a = sealChallenge("sign-in:abc", now);
    expect(sealChallenge("sign-in:abc", now)).not.toBe(a);
    expect(openChallenge(asClientData(a), "sign-in:abc", now)).toBe(true);
    expect(openChallenge(asClientData(a), "sign-in:abd", now)).toBe(false);
    expect(openChallenge(asClientData(a), "add:abc", now)).toBe(false);
  });

  it("end after the prompt's timeout", () => {
    const now = Date.now();
    const c = asClientData(sealChallenge("add:u1", now));
    const end = now + PASSKEY_TIMEOUT_SECONDS * 1000;
    expect(openChallenge(c, "add:u1", end - 1)).toBe(true);
    expect(openChallenge(c, "add:u1", end)).toBe(false);
  });

  it("refuse anything not sealed here, or altered", () => {
    const sealed = sealChallenge("add:u1");
    // Alter a byte, not the text's last characters: those may carry only padding bits and decode
    // to the same bytes.
    const bytes = Buffer.from(sealed, "base64url");
    bytes.writeUInt8(bytes.at(-1)! ^ 1, bytes.length - 1);
    const flipped = bytes.toString("base64url");
    for (const bad of ["", "abc", asClientData(flipped), asClientData("x.y")])
      expect(openChallenge(bad, "add:u1")).toBe(false);
  });
});
