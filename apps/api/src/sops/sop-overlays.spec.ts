import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOverlayFile } from './sop-overlays';

describe('loading the jurisdiction overlay at start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-overlay-spec-'));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('names the file, the key and the reason of every problem', () => {
    const path = write(
      'bad.json',
      JSON.stringify({
        name: 'lombardia',
        sops: { 'demo-handoff': { steps: { nowhere: { target: 'P1D' } } }, 'no-such-sop': {} },
      }),
    );
    expect(() => loadOverlayFile(path)).toThrow(
      `SOP_OVERLAY_FILE ${path} is invalid:\n  - sops.demo-handoff.steps.nowhere: demo-handoff has no such step\n` +
        '  - sops.no-such-sop: must be one of ',
    );
  });

  it('says when the file is not JSON, and digests a good one', () => {
    expect(() => loadOverlayFile(write('broken.json', '{ name:'))).toThrow(/could not be read as JSON/);
    const good = loadOverlayFile(write('good.json', JSON.stringify({ name: 'veneto', sops: {} })));
    expect(good.file.name).toBe('veneto');
    expect(good.digest).toMatch(/^[0-9a-f]{16}$/);
  });
});
