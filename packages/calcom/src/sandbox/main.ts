/** `npm run sandbox -w @askpro/calcom`: the Cal.com sandbox as a process (npm run dev starts it when CALCOM_API_KEY is unset). */
import { loadFixture } from "./fixture";
import { startCalcomSandbox } from "./server";

const DEMO_API_KEY = "cal_test_askpro_demo";

const rawPort = process.env.CALCOM_SANDBOX_PORT ?? "5555";
const port = Number(rawPort);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`CALCOM_SANDBOX_PORT must be a port number (0-65535), got "${rawPort}"`);
  process.exit(2);
}

const fixture = loadFixture();
if (!fixture.apiKeys.some((apiKey) => apiKey.key === DEMO_API_KEY)) {
  console.error(`The sandbox fixture has no demo API key ${DEMO_API_KEY}`);
  process.exit(2);
}
const sandbox = await startCalcomSandbox({ port, fixture }).catch((error: unknown) => {
  console.error(`Cal.com sandbox could not listen on 127.0.0.1:${port}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
console.log(`Cal.com sandbox listening on ${sandbox.url} (demo key ${DEMO_API_KEY}, ${sandbox.eventTypeCount} event types)`);

const stop = () => void sandbox.stop().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
