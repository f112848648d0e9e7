import compression from 'compression';
import express from 'express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { serveWebApp } from './web-static';

const SCRIPT = `export const app = ${JSON.stringify('x'.repeat(4000))};\n`;

function get(server: Server, path: string, encoding?: string) {
  const { port } = server.address() as AddressInfo;
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      const req = request({ port, path, headers: encoding ? { 'accept-encoding': encoding } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('serveWebApp', () => {
  let dir: string;
  let server: Server;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'web-static-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), `<!doctype html><script src="/app/assets/index-abc123.js"></script>`);
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), SCRIPT);
    writeFileSync(join(dir, 'assets', 'index-abc123.css'), `body{margin:0}\n`.repeat(200));
    const app = express();
    app.use(compression());
    expect(serveWebApp(app, dir)).toBe(true);
    server = app.listen(0);
    await new Promise((r) => server.once('listening', r));
  });

  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('caches hashed assets immutable for a year and sends JS brotli-compressed', async () => {
    const res = await get(server, '/app/assets/index-abc123.js', 'gzip, deflate, br');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(res.body).toString()).toBe(SCRIPT);
    expect(res.body.length).toBeLessThan(SCRIPT.length / 4);
  });

  it('gzips CSS for a client without brotli', async () => {
    const res = await get(server, '/app/assets/index-abc123.css', 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.body).toString()).toContain('body{margin:0}');
  });

  it('revalidates the HTML on every use, for the entry and for client-side routes', async () => {
    for (const path of ['/app/', '/app/cases/123', '/app/index.html']) {
      const res = await get(server, path);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body.toString()).toContain('<!doctype html>');
    }
  });

  it('answers 404 for a missing asset instead of the HTML', async () => {
    const res = await get(server, '/app/assets/missing-000.js');
    expect(res.status).toBe(404);
  });
});
