import { initMasterKey } from '@waymark/codec';
import { loadEnv, resolveConfig } from '@waymark/config';

/**
 * `npm run init-master-key`: writes the data directory's master key (0600) once, explicitly. Production does not
 * create it on its own; either this command ran or WAYMARK_MASTER_KEY is set. Prints where the key is, never the key.
 */
function main(): void {
  const config = resolveConfig(loadEnv());
  if (config.env.WAYMARK_MASTER_KEY) {
    process.stdout.write('WAYMARK_MASTER_KEY is set: that key is used, no file is needed.\n');
    return;
  }
  const wrote = initMasterKey(config.masterKeyFile);
  process.stdout.write(
    wrote
      ? `master key written to ${config.masterKeyFile} (mode 0600): back it up; losing it makes every case's Temporal history unreadable\n`
      : `a master key already exists at ${config.masterKeyFile}; left unchanged\n`,
  );
}

main();
