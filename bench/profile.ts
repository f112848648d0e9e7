import { readFileSync } from 'node:fs';

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: CpuProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  function: string;
  where: string;
  selfMs: number;
  selfPercent: number;
}

// Start-up work (loading modules) is not part of a hand-off; leaving it out keeps the table about the hot path.
const STARTUP =
  /^(wrapSafe|Module\._\w+|readFileUtf8|read|realpathSync|stat|compileForInternalLoader|internalModuleStat)\t/;

/** The functions with the most self time in a V8 `.cpuprofile`, merged by function and file, start-up excluded. */
export function topSelfTime(file: string, limit: number): ProfileEntry[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = profile.timeDeltas[i] ?? 0;
    if (!node) return;
    const name = node.callFrame.functionName || '(anonymous)';
    const url = node.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(dist|apps|libs)\//, '$1/');
    const key = `${name}\t${url}${url ? `:${node.callFrame.lineNumber + 1}` : ''}`;
    selfUs.set(key, (selfUs.get(key) ?? 0) + dt);
    total += dt;
  });
  return [...selfUs.entries()]
    .filter(([k]) => !k.startsWith('(idle)') && !STARTUP.test(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([k, us]) => {
      const [fn, where] = k.split('\t');
      return {
        function: fn,
        where,
        selfMs: Math.round(us / 100) / 10,
        selfPercent: Math.round((us / total) * 1000) / 10,
      };
    });
}
