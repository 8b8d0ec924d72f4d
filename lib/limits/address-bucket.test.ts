import { describe, expect, it } from "vitest";
import { addressBucket } from "./address-bucket";

// The bucket a per-address limit counts a request against.

describe("addressBucket", () => {
  it("puts every request of unknown origin in one shared bucket", async () => {
    expect(addressBucket(null)).toBe("unknown");
  });

  it("keys IPv4 by the address and IPv6 by its /64, however it is written", async () => {
    expect(addressBucket("203.0.113.5")).toBe("203.0.113.5");
    const same = [
      "2001:db8:aa:bb::1",
      "2001:0DB8:00AA:00BB:ffff:ffff:ffff:ffff",
      "2001:db8:aa:bb:1::",
    ].map(addressBucket);
    expect(new Set(same).size).toBe(1);
    expect(addressBucket("2001:db8:aa:bc::1")).not.toBe(same[0]);
    expect(addressBucket("::1")).not.toBe(addressBucket("::2:0:0:0:1"));
  });

  it("keys an IPv4-mapped IPv6 address as the IPv4 address", async () => {
    expect(addressBucket("::ffff:203.0.113.5")).toBe("203.0.113.5");
  });
});
