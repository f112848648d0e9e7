import { defaultPayloadConverter } from '@temporalio/common';
import { CaseKeyring, CasePayloadCodec, InMemoryCaseKeyStore } from '@waymark/codec';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

/**
 * `npm run bench:codec`: the payload codec's own cost, encode + decode of one payload of about 1 KiB (and of 64 KiB),
 * keys already unwrapped (the steady state: the keyring caches them for 60 s). PostgreSQL is not involved.
 */
async function measure(codec: CasePayloadCodec, bytes: number, iterations: number): Promise<{ encodeUs: number; decodeUs: number }> {
  const context = { type: 'workflow' as const, namespace: 'default', workflowId: `case-${randomUUID()}` };
  const payload = defaultPayloadConverter.toPayload({ note: 'x'.repeat(bytes - 12) });
  const [warm] = await codec.encode([payload], context);
  await codec.decode([warm]);
  const encoded = [];
  let t0 = performance.now();
  for (let i = 0; i < iterations; i++) encoded.push((await codec.encode([payload], context))[0]);
  const encodeUs = ((performance.now() - t0) * 1000) / iterations;
  t0 = performance.now();
  for (const p of encoded) await codec.decode([p]);
  const decodeUs = ((performance.now() - t0) * 1000) / iterations;
  return { encodeUs, decodeUs };
}

async function main(): Promise<void> {
  const codec = new CasePayloadCodec(new CaseKeyring(new InMemoryCaseKeyStore(), randomBytes(32)));
  const rows: string[] = ['| Payload | encode µs | decode µs | encode + decode µs |', '| --- | --- | --- | --- |'];
  for (const [label, bytes, n] of [['1 KiB', 1024, 20000], ['64 KiB', 65536, 2000]] as const) {
    const { encodeUs, decodeUs } = await measure(codec, bytes, n);
    rows.push(`| ${label} (${n} runs) | ${encodeUs.toFixed(1)} | ${decodeUs.toFixed(1)} | ${(encodeUs + decodeUs).toFixed(1)} |`);
  }
  process.stdout.write(`${rows.join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
