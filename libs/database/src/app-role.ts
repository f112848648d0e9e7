import { randomBytes } from 'node:crypto';
import { APP_ROLE } from './migrations/1764400000000-app-role';
import { withDataSource } from './data-source';

export { APP_ROLE };

/**
 * Lets the application's non-owner role log in with a fresh random password and returns the URL the API and worker
 * use: same server and database as `ownerUrl`, user `waymark_app`. For servers this process provisions itself (the
 * embedded default, the e2e run); a deployment with its own PostgreSQL gives the app role's URL in DATABASE_URL.
 */
export async function provisionAppRole(
  ownerUrl: string,
  password = randomBytes(24).toString('base64url'),
): Promise<string> {
  await withDataSource(ownerUrl, async (ds) => {
    // ALTER ROLE takes no bind parameters: the password is quoted as a literal by PostgreSQL's own quote_literal.
    const [{ literal }] = (await ds.query('SELECT quote_literal($1::text) AS literal', [password])) as {
      literal: string;
    }[];
    await ds.query(`ALTER ROLE ${APP_ROLE} LOGIN PASSWORD ${literal}`);
  });
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = password;
  return url.toString();
}
