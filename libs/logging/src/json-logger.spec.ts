import { bufferedStdout, JsonLogger } from './json-logger';
import { requestContext } from './request-context';

describe('JsonLogger', () => {
  it('writes one JSON object per line with the request id of the current request', () => {
    const lines: string[] = [];
    const logger = new JsonLogger('api', 'info', (l) => lines.push(l));
    requestContext.run({ requestId: 'req-12345678' }, () => logger.log({ msg: 'hello', status: 200 }, 'http'));
    logger.debug('hidden');
    logger.warn('outside');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0])).toMatchObject({
      level: 'info',
      service: 'api',
      context: 'http',
      msg: 'hello',
      status: 200,
      requestId: 'req-12345678',
    });
    expect(JSON.parse(lines[1])).toMatchObject({ level: 'warn', msg: 'outside' });
    expect(JSON.parse(lines[1]).requestId).toBeUndefined();
  });

  it('writes the lines of one moment together, in order, and at once when many pile up', async () => {
    const writes: string[] = [];
    const write = bufferedStdout((text) => writes.push(text));
    write('{"a":1}');
    write('{"a":2}');
    expect(writes).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(writes).toEqual(['{"a":1}\n{"a":2}\n']);
    const big = 'x'.repeat(70 * 1024);
    write(big);
    expect(writes).toHaveLength(2);
    expect(writes[1]).toBe(`${big}\n`);
  });
});
