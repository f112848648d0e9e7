import { csvField, toCsv } from './csv';

describe('CSV writing', () => {
  it('leaves plain fields bare and renders empty values as empty fields', () => {
    expect(csvField('review-intake')).toBe('review-intake');
    expect(csvField(12)).toBe('12');
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(0)).toBe('0');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(true)).toBe('true');
  });

  it('quotes commas, quotes, line breaks and outer spaces', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('crlf\r\n')).toBe('"crlf\r\n"');
    expect(csvField(' padded')).toBe('" padded"');
  });

  it('keeps strings a spreadsheet would run as formulas as text', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('<11')).toBe('<11');
  });

  it('writes a header row and CRLF-terminated rows', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x', 1],
          ['y,z', null],
        ],
      ),
    ).toBe('a,b\r\nx,1\r\n"y,z",\r\n');
    expect(toCsv(['a'], [])).toBe('a\r\n');
  });

  it('refuses a row whose width differs from the header', () => {
    expect(() => toCsv(['a', 'b'], [['only-one']])).toThrow('CSV row has 1 fields, header has 2');
  });
});
