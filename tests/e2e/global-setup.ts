/** Starts the shared server and web host; tests read their addresses from the environment. */
import { startStack } from './support/stack';

export default async function globalSetup() {
  const stack = await startStack();
  process.env.E2E_SERVER_URL = stack.serverUrl;
  process.env.E2E_APP_URL = stack.appUrl;
  return () => stack.stop();
}
