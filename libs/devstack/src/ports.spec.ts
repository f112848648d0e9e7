import { createServer } from 'node:net';
import { PortInUseError, assertPortsFree, freePort, waitFor } from './ports';

describe('assertPortsFree', () => {
  it('names the taken port and the variable that moves it', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    try {
      await expect(assertPortsFree([{ port, variable: 'API_PORT' }])).rejects.toThrow(
        new PortInUseError(port, 'API_PORT').message,
      );
    } finally {
      await new Promise((r) => server.close(r));
    }
    await expect(assertPortsFree([{ port, variable: 'API_PORT' }])).resolves.toBeUndefined();
  });
});

describe('waitFor', () => {
  it('keeps polling while the probe answers undefined, null or false, and returns the first other answer', async () => {
    const answers: unknown[] = [undefined, null, false, 0, 'late'];
    const seen = await waitFor('an answer', async () => answers.shift() as number | undefined, { intervalMs: 1 });
    expect(seen).toBe(0);
    expect(answers).toEqual(['late']);
  });

  it('names what it waited for and the last error when it times out', async () => {
    await expect(
      waitFor(
        'the thing',
        async () => {
          throw new Error('not there');
        },
        { timeoutMs: 20, intervalMs: 5 },
      ),
    ).rejects.toThrow('Timed out after 20 ms waiting for the thing: not there');
  });

  it('gives up at once on an error `stopOn` calls final, without waiting out the timeout', async () => {
    let calls = 0;
    const started = Date.now();
    await expect(
      waitFor(
        'the thing',
        async () => {
          calls++;
          throw new Error(calls < 3 ? 'not yet' : 'gone for good');
        },
        { timeoutMs: 60_000, intervalMs: 1, stopOn: (e) => (e as Error).message === 'gone for good' },
      ),
    ).rejects.toThrow('gone for good');
    expect(calls).toBe(3);
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});
