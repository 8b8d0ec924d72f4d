import type { CDPSession, Page } from "@playwright/test";

export interface VirtualAuthenticator {
  cdp: CDPSession;
  authenticatorId: string;
  /**
   * Runs `typing` with the authenticator waiting for a touch. The sign-in page's email field
   * offers a passkey in its autofill list, which a person typing their password leaves unpicked;
   * the virtual authenticator would pick it at once (e2e/passkey-sign-in.spec.ts picks it).
   */
  withoutTouch(typing: () => Promise<void>): Promise<void>;
}

/**
 * The DevTools protocol's virtual authenticator, standing in for a fingerprint reader: user
 * verification passes, and every prompt is answered at once. WebAuthn refuses an IP address, so
 * journeys that use it are served at localhost (E2E_SERVERS.passkey).
 */
export async function addVirtualAuthenticator(
  page: Page,
): Promise<VirtualAuthenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send(
    "WebAuthn.addVirtualAuthenticator",
    {
      options: {
        protocol: "ctap2",
        transport: "internal",
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    },
  );
  const touch = (enabled: boolean) =>
    cdp.send("WebAuthn.setAutomaticPresenceSimulation", {
      authenticatorId,
      enabled,
    });
  return {
    cdp,
    authenticatorId,
    async withoutTouch(typing) {
      await touch(false);
      await typing();
      await touch(true);
    },
  };
}
