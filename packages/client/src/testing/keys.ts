// Real key presses in the test browser (shared by the element packages' tests) (what `sendKeys` of
// @web/test-runner-commands does, without adding that
// package to this one's dependencies): a `send-keys` command to the runner over its web socket.
type KeysPayload = { press: string } | { type: string } | { down: string } | { up: string };

export async function sendKeys(payload: KeysPayload): Promise<void> {
  const sessionId = new URL(location.href).searchParams.get('wtr-session-id');
  const socket = '/__web-dev-server__web-socket.js';
  const { sendMessageWaitForResponse } = (await import(/* @vite-ignore */ socket)) as {
    sendMessageWaitForResponse(message: object): Promise<{ executed: boolean; result: unknown }>;
  };
  const response = await sendMessageWaitForResponse({ type: 'wtr-command', sessionId, command: 'send-keys', payload });
  if (!response.executed) throw new Error('send-keys is not available');
}

/** Presses a chord like `Control+b` (held modifiers, then the key). */
export async function chord(keys: string): Promise<void> {
  await sendKeys({ press: keys });
}
