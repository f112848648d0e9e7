import { defaultPayloadConverter } from '@temporalio/common';
import { CaseKeyring, CasePayloadCodec, InMemoryCaseKeyStore, rewrapCaseKeys, wrapDataKey } from '@waymark/codec';
import { openRecord, sealRecord } from '@waymark/cases';
import { runMigrations, withDataSource } from '@waymark/database';
import { startThrowawayPostgres } from '@waymark/devstack';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

/**
 * `npm run bench:codec`: the payload codec's own cost, encode + decode of one payload of about 1 KiB (and of 64 KiB),
 * keys already unwrapped (the steady state: the keyring caches them for 60 s). Then a master-key rotation: 10,000 data
 * keys in a throwaway PostgreSQL rewrapped under a new master key by `rewrapCaseKeys` (what `npm run
 * rotate-master-key` runs), and a second pass that finds them all current.
 */
async function measure(
  codec: CasePayloadCodec,
  bytes: number,
  iterations: number,
): Promise<{ encodeUs: number; decodeUs: number }> {
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
  for (const [label, bytes, n] of [
    ['1 KiB', 1024, 20000],
    ['64 KiB', 65536, 2000],
  ] as const) {
    const { encodeUs, decodeUs } = await measure(codec, bytes, n);
    rows.push(
      `| ${label} (${n} runs) | ${encodeUs.toFixed(1)} | ${decodeUs.toFixed(1)} | ${(encodeUs + decodeUs).toFixed(1)} |`,
    );
  }
  process.stdout.write(`${rows.join('\n')}\n`);
  measureRecords(20_000);
  await measureRotation(10_000);
}

/**
 * A `case_records` value sealed and opened (CaseRecordStore, docs/security/data-at-rest.md): a form of 12 fields
 * (about 400 bytes of JSON), the case key already unwrapped (cached like the codec's).
 */
function measureRecords(iterations: number): void {
  const key = randomBytes(32);
  const caseId = randomUUID();
  const data = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`field${i}`, `value ${i} `.repeat(3)]));
  const sealed = Array.from({ length: iterations });
  let t0 = performance.now();
  for (let i = 0; i < iterations; i++) sealed[i] = sealRecord(key, data, caseId, `k:${i}:intake`);
  const sealUs = ((performance.now() - t0) * 1000) / iterations;
  t0 = performance.now();
  for (let i = 0; i < iterations; i++)
    openRecord(key, sealed[i] as ReturnType<typeof sealRecord>, caseId, `k:${i}:intake`);
  const openUs = ((performance.now() - t0) * 1000) / iterations;
  const plainBytes = JSON.stringify(data).length;
  const sealedBytes = JSON.stringify(sealed[0]).length;
  process.stdout.write(
    [
      '',
      '| Case record (12 fields) | seal µs | open µs | JSON bytes plain → sealed |',
      '| --- | --- | --- | --- |',
      `| ${iterations} runs | ${sealUs.toFixed(1)} | ${openUs.toFixed(1)} | ${plainBytes} → ${sealedBytes} |`,
      '',
    ].join('\n'),
  );
}

async function measureRotation(count: number): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'waymark-bench-rotation-'));
  chmodSync(work, 0o755);
  const pg = await startThrowawayPostgres(work, 'bench');
  try {
    await runMigrations(pg.url);
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    await withDataSource(pg.url, async (ds) => {
      for (let i = 0; i < count; i += 1000) {
        const ids = Array.from({ length: Math.min(1000, count - i) }, () => randomUUID());
        await ds.query('INSERT INTO case_keys (case_id, wrapped_key) SELECT * FROM unnest($1::text[], $2::bytea[])', [
          ids,
          ids.map((id) => wrapDataKey(oldKey, id, randomBytes(32))),
        ]);
      }
      const query = (sql: string, params: unknown[]) => ds.query(sql, params);
      let t0 = performance.now();
      const first = await rewrapCaseKeys(query, { current: newKey, previous: [oldKey] });
      const rewrapS = (performance.now() - t0) / 1000;
      t0 = performance.now();
      const second = await rewrapCaseKeys(query, { current: newKey, previous: [oldKey] });
      const checkS = (performance.now() - t0) / 1000;
      process.stdout.write(
        [
          '',
          '| Master-key rotation | keys | seconds | keys/s |',
          '| --- | --- | --- | --- |',
          `| rewrap (${first.rewrapped} rewrapped) | ${first.total} | ${rewrapS.toFixed(2)} | ${Math.round(first.total / rewrapS)} |`,
          `| repeat (${second.alreadyCurrent} already current) | ${second.total} | ${checkS.toFixed(2)} | ${Math.round(second.total / checkS)} |`,
          '',
        ].join('\n'),
      );
    });
  } finally {
    await pg.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
