import { JsonLogger } from './json-logger';
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
});
