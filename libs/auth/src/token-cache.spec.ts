import { generateKeyPair, SignJWT } from 'jose';
import { VerifiedTokens } from './token-cache';

async function token(expSeconds: number): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256');
  return new SignJWT({ agency: 'demo-a', roles: ['caseworker'] })
    .setProtectedHeader({ alg: 'ES256' })
    .setSubject('ana')
    .setExpirationTime(expSeconds)
    .sign(privateKey);
}

describe('VerifiedTokens', () => {
  const claims = { sub: 'ana', agency: 'demo-a', roles: ['caseworker'] };

  it('checks a token once, then takes it again until five minutes pass or it expires', async () => {
    let now = 1_000_000_000_000;
    const cache = new VerifiedTokens(() => now);
    const check = jest.fn(async () => claims);
    const t = await token(now / 1000 + 3600);
    expect(await cache.verify(t, check)).toEqual(claims);
    expect(await cache.verify(t, check)).toEqual(claims);
    expect(check).toHaveBeenCalledTimes(1);
    now += 5 * 60_000 + 1;
    await cache.verify(t, check);
    expect(check).toHaveBeenCalledTimes(2);

    const short = await token(now / 1000 + 10);
    await cache.verify(short, check);
    now += 11_000;
    await cache.verify(short, check);
    expect(check).toHaveBeenCalledTimes(4);
  });

  it('never remembers a token that failed its check', async () => {
    const cache = new VerifiedTokens();
    const t = await token(Math.floor(Date.now() / 1000) + 3600);
    const failing = jest.fn(async () => {
      throw new Error('bad signature');
    });
    await expect(cache.verify(t, failing)).rejects.toThrow('bad signature');
    await expect(cache.verify(t, failing)).rejects.toThrow('bad signature');
    expect(failing).toHaveBeenCalledTimes(2);
  });
});
