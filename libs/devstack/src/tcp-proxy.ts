import { connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Cuts the line as a network partition does: nothing gets through either way until `heal()`, nothing is reset. */
  partition(): void;
  heal(): void;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream?: Socket;
}

/**
 * A loopback TCP proxy to `127.0.0.1:targetPort` that the fault suite controls. A partition stalls every byte
 * (existing connections pause, new ones are accepted but not connected upstream) instead of refusing or resetting,
 * so the processes behind it see what a real partition shows them: silence, then, once healed, everything resumes.
 */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  let partitioned = false;
  const linkUp = (pair: Pair) => {
    const upstream = connect(targetPort, '127.0.0.1');
    pair.upstream = upstream;
    pair.client.pipe(upstream);
    upstream.pipe(pair.client);
    const drop = () => {
      pair.client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    upstream.on('error', drop);
    upstream.on('close', drop);
  };
  const server: Server = createServer((client) => {
    const pair: Pair = { client };
    pairs.add(pair);
    client.on('error', () => pair.upstream?.destroy());
    client.on('close', () => {
      pair.upstream?.destroy();
      pairs.delete(pair);
    });
    if (partitioned) client.pause();
    else linkUp(pair);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy did not bind');
  return {
    port: address.port,
    partition: () => {
      partitioned = true;
      // Bytes sent meanwhile wait in the buffers, as TCP retransmits them after a partition heals.
      for (const p of pairs) {
        p.client.unpipe();
        p.upstream?.unpipe();
        p.client.pause();
        p.upstream?.pause();
      }
    },
    heal: () => {
      partitioned = false;
      for (const p of pairs) {
        if (!p.upstream) {
          linkUp(p);
        } else {
          p.client.pipe(p.upstream);
          p.upstream.pipe(p.client);
        }
      }
    },
    close: async () => {
      for (const p of pairs) {
        p.client.destroy();
        p.upstream?.destroy();
      }
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
