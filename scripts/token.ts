import { issueToken, loadOrCreateSigningKey } from '@waymark/auth';
import { resolveConfig } from '@waymark/config';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npm run token -- --agency <id> --role <role> [--role <role> ...] [--sub <name>] [--ttl 12h]';

/** Issues a bearer token signed with the embedded default's local key; the token is the last line printed. */
async function main(): Promise<void> {
  let values: { agency?: string; role?: string[]; sub?: string; ttl?: string };
  try {
    ({ values } = parseArgs({
      options: {
        agency: { type: 'string' },
        role: { type: 'string', multiple: true },
        sub: { type: 'string' },
        ttl: { type: 'string' },
      },
    }));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    process.exit(2);
  }
  const roles = (values.role ?? [])
    .flatMap((r) => r.split(','))
    .map((r) => r.trim())
    .filter(Boolean);
  if (!values.agency || roles.length === 0) {
    process.stderr.write(`--agency and at least one --role are required\n${USAGE}\n`);
    process.exit(2);
  }
  const sub = values.sub ?? `${values.agency}-${roles[0]}`;
  const config = resolveConfig();
  const keys = await loadOrCreateSigningKey(config.signingKeyFile);
  const token = await issueToken(keys, { sub, agency: values.agency, roles }, values.ttl ?? '12h');
  process.stdout.write(
    `# token for sub=${sub} agency=${values.agency} roles=${roles.join(',')} (valid ${values.ttl ?? '12h'})\n`,
  );
  process.stdout.write(`# use: curl -H "Authorization: Bearer $TOKEN" http://localhost:${config.env.API_PORT}/tasks\n`);
  process.stdout.write(`${token}\n`);
}

void main();
