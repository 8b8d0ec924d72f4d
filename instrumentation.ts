// Runs once when the server starts. The work lives in instrumentation-node.ts, imported only inside
// this check so the Edge build of this file never pulls in Node-only modules.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./instrumentation-node");
    await startServer();
  }
}
