import { randomBytes } from 'node:crypto';
import { CodecSessions, codecSessionCookie, InvalidCodecSessionError, readCodecSessionCookie } from './codec-session';

const actor = { sub: 'olga', agencyId: 'platform-ops', roles: ['operator'] };

describe('codec sessions', () => {
  it('round-trips the actor until it expires', () => {
    let now = Date.parse('2026-11-28T10:00:00Z');
    const sessions = new CodecSessions(randomBytes(32), () => now);
    const { value, expiresAt } = sessions.issue(actor);
    expect(expiresAt).toBe('2026-11-28T11:00:00.000Z');
    expect(sessions.verify(value)).toEqual(actor);
    expect(sessions.expiryOf(value)).toBe(expiresAt);
    now += 3600_000;
    expect(() => sessions.verify(value)).toThrow(new InvalidCodecSessionError('expired'));
    expect(sessions.expiryOf(value)).toBeUndefined();
    expect(sessions.expiryOf('junk')).toBeUndefined();
  });

  it('refuses a value signed with another secret, an altered role list and garbage', () => {
    const sessions = new CodecSessions(randomBytes(32));
    const other = new CodecSessions(randomBytes(32));
    expect(() => sessions.verify(other.issue(actor).value)).toThrow('bad signature');
    const [body, mac] = sessions.issue({ ...actor, roles: ['caseworker'] }).value.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['operator'] })).toString('base64url');
    expect(() => sessions.verify(`${forged}.${mac}`)).toThrow('bad signature');
    for (const junk of ['', 'a', 'a.b.c', '.x']) expect(() => sessions.verify(junk)).toThrow(InvalidCodecSessionError);
  });

  it('sets an HttpOnly, SameSite=Strict cookie scoped to /codec, and reads it back from a Cookie header', () => {
    expect(codecSessionCookie('v1', false)).toBe(
      'waymark_codec=v1; Path=/codec; Max-Age=3600; HttpOnly; SameSite=Strict',
    );
    expect(codecSessionCookie(null, true)).toBe(
      'waymark_codec=; Path=/codec; Max-Age=0; HttpOnly; SameSite=Strict; Secure',
    );
    expect(readCodecSessionCookie('a=1; waymark_codec=abc.def; b=2')).toBe('abc.def');
    expect(readCodecSessionCookie('waymark_codec=')).toBeUndefined();
    expect(readCodecSessionCookie(undefined)).toBeUndefined();
  });
});
