// Prints the size of the built web application (dist/web) as browsers download it: raw, gzip and brotli per file
// and in total. Run by `npm run build:web` after Vite; the API compresses the same way (apps/api/src/web-static.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('../dist/web', import.meta.url));

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const rows = files(root)
  .filter((f) => /\.(js|css|html|json|svg)$/.test(f))
  .map((f) => {
    const data = readFileSync(f);
    const br = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }).length;
    return { file: relative(root, f), raw: data.length, gzip: gzipSync(data).length, br };
  });
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, br: t.br + r.br }), {
  raw: 0,
  gzip: 0,
  br: 0,
});
for (const r of rows)
  process.stdout.write(`web bundle: ${r.file}  ${kib(r.raw)} (gzip ${kib(r.gzip)}, brotli ${kib(r.br)})` + '\n');
process.stdout.write(`web bundle: total ${kib(total.raw)} (gzip ${kib(total.gzip)}, brotli ${kib(total.br)})` + '\n');
