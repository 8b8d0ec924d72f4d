import type { Page } from "@playwright/test";

/**
 * The DevTools protocol's virtual authenticator, standing in for a fingerprint reader: user
 * verification passes, and every prompt is answered at once. WebAuthn refuses an IP address, so
 * journeys that use it are served at localhost (E2E_SERVERS.passkey).
 */
export async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}
