import type { ArgumentMetadata } from '@nestjs/common';
import { DomainException } from '@waymark/contracts';
import { IsString } from 'class-validator';
import { createValidationPipe, stripPropertyPrefix } from './validation';

class Dto {
  @IsString()
  name!: string;
}

describe('stripPropertyPrefix', () => {
  it('drops the leading property name class-validator adds', () => {
    expect(stripPropertyPrefix('name must be a string', 'name')).toBe('must be a string');
    expect(stripPropertyPrefix('property extra should not exist', 'extra')).toBe('should not exist');
    expect(stripPropertyPrefix('must be a string', 'name')).toBe('must be a string');
  });

  it('treats regex syntax in a property name as plain text', () => {
    expect(stripPropertyPrefix('property (a+)+$ should not exist', '(a+)+$')).toBe('should not exist');
    expect(stripPropertyPrefix('property ab should not exist', 'a.')).toBe('property ab should not exist');
  });
});

describe('the validation pipe with hostile keys', () => {
  const meta: ArgumentMetadata = { type: 'body', metatype: Dto };

  it('answers a regex-bomb key quickly, with the reason and a cut field name', async () => {
    // Before the fix this 34-byte key became a pattern that backtracked for longer than 20 s on its own message.
    const bomb = `(.*.*.*)*\\x01${'a'.repeat(12)}`;
    const started = Date.now();
    const err = await createValidationPipe()
      .transform({ name: 'x', [bomb]: 1, ['k'.repeat(10_000)]: 2 }, meta)
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(err).toBeInstanceOf(DomainException);
    const fields = (err as DomainException).fields ?? [];
    expect(fields).toHaveLength(2);
    for (const f of fields) {
      expect(f.reason).toBe('should not exist');
      expect(f.field.length).toBeLessThan(100);
    }
  });
});
