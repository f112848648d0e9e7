import { createServer } from 'node:net';
import { PortInUseError, assertPortsFree, freePort } from './ports';

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
