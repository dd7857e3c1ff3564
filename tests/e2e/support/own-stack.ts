import { test } from '@playwright/test';
import { pointServerApiAt } from './server-api';
import { startStack, type Stack } from './stack';

/**
 * A stack for the calling spec (or describe block) alone: started before its tests, stopped
 * after, with the server-api helpers pointed at it meanwhile. For specs whose customers write or
 * whose clock moves, which would spoil the demo data the other specs share.
 */
export function ownStack(webhostEnv: NodeJS.ProcessEnv = {}): () => Stack {
  let stack: Stack | undefined;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    stack = await startStack(webhostEnv);
    pointServerApiAt(stack.serverUrl);
  });
  test.afterAll(async () => {
    pointServerApiAt(null);
    await stack?.stop();
  });
  return () => {
    if (!stack) throw new Error('the spec’s own stack is not started');
    return stack;
  };
}
