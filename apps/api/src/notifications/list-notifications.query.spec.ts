import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ListNotificationsQuery } from './notifications.controller';

const parse = (query: Record<string, string>) => {
  const q = plainToInstance(ListNotificationsQuery, query);
  return { unread: q.unread, errors: validateSync(q).map((e) => e.property) };
};

describe('GET /notifications ?unread', () => {
  it('reads true and false, and defaults to false', () => {
    expect(parse({ unread: 'true' })).toEqual({ unread: true, errors: [] });
    expect(parse({ unread: 'false' })).toEqual({ unread: false, errors: [] });
    expect(parse({})).toEqual({ unread: false, errors: [] });
  });

  it('refuses any other word instead of reading it as false', () => {
    for (const word of ['null', 'yes', '1', '']) expect(parse({ unread: word }).errors).toEqual(['unread']);
  });
});
