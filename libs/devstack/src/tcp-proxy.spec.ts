import { createServer, connect, type Socket } from 'node:net';
import { waitFor } from './ports';
import { startTcpProxy } from './tcp-proxy';

describe('startTcpProxy', () => {
  it('passes bytes through, stalls them during a partition without resetting, and delivers them once healed', async () => {
    const echo = createServer((s) => s.pipe(s));
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    const proxy = await startTcpProxy((echo.address() as { port: number }).port);
    const received: string[] = [];
    const open = (): Promise<Socket> =>
      new Promise((r) => {
        const s = connect(proxy.port, '127.0.0.1', () => r(s));
        s.on('data', (d) => received.push(d.toString()));
      });
    try {
      const a = await open();
      a.write('one');
      await waitFor('the echo', async () => received.includes('one'));
      proxy.partition();
      a.write('two');
      const b = await open(); // accepted, but not connected through
      b.write('three');
      // A round trip straight to the echo server (not through the proxy) gives the proxy's own bytes time to have
      // come back, were it forwarding them. Nothing did, and neither socket is closed: a partition is silence.
      await new Promise<void>((r) => {
        const direct = connect((echo.address() as { port: number }).port, '127.0.0.1', () => direct.write('ping'));
        direct.on('data', () => {
          direct.destroy();
          r();
        });
      });
      expect([received, a.destroyed, b.destroyed]).toEqual([['one'], false, false]);
      proxy.heal();
      await waitFor(
        'the held bytes',
        async () => received.join('').includes('two') && received.join('').includes('three'),
      );
      a.destroy();
      b.destroy();
    } finally {
      await proxy.close();
      echo.close();
    }
  });
});
