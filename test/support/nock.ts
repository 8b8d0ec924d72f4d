// Test-only: nock 15 (through @mswjs/interceptors) calls Promise.withResolvers, which Node only has from
// 22 on (nock 15 declares node >=22.20); this project supports Node 20. Import nock from here in tests.
import nock from "nock";

if (typeof Promise.withResolvers !== "function") {
  Promise.withResolvers = function withResolvers<T>() {
    let resolve!: (value: T | PromiseLike<T>) => void;
    let reject!: (reason?: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

export default nock;
