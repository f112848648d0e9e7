import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { formToJsonSchema } from '../../../../libs/contracts/src/forms.contract';
import type { JsonSchema } from '../api';
import { I18nProvider } from '../i18n';
import { splitSource } from '../source-note';
import { codeFor, countries } from './CountryPicker';
import { SchemaForm } from './SchemaForm';

const schema = formToJsonSchema({
  fields: {
    returnCountry: { type: 'string', label: 'Country of return (ISO 3166-1 alpha-2)', maxLength: 2, required: true },
    isMinor: {
      type: 'boolean',
      label: 'The person is a child',
      required: true,
      description: 'A presumed child is treated as a child (seed L7216-L7217).',
    },
  },
}) as JsonSchema;

describe('country picker', () => {
  it('lists the ISO 3166 countries by name in the interface language and maps a name back to its code', () => {
    const en = countries('en');
    const it = countries('it');
    expect(en.length).toBeGreaterThanOrEqual(249);
    expect(en.find((c) => c.code === 'RO')?.name).toBe('Romania');
    expect(it.find((c) => c.code === 'DE')?.name).toBe('Germania');
    expect(codeFor('romania', en)).toBe('RO');
    expect(codeFor('Germania', it)).toBe('DE');
    expect(codeFor('ng', en)).toBe('NG');
    expect(codeFor('Atlantis', en)).toBeUndefined();
  });

  it('submits the code of the country picked by name, and refuses a name that is no country before sending', async () => {
    const sent: Record<string, unknown>[] = [];
    render(
      <I18nProvider initial="en">
        <SchemaForm
          schema={schema}
          labelPrefix="x.y"
          submitLabel="Send"
          onSubmit={async (p) => {
            sent.push(p);
          }}
        />
      </I18nProvider>,
    );
    // The label drops the developer's "(ISO 3166-1 alpha-2)"; the citation sits in a Source disclosure.
    const country = screen.getByLabelText(/^Country of return/);
    expect(screen.getByText(/^Country of return/).textContent).not.toMatch(/ISO/);
    expect(screen.getByText('A presumed child is treated as a child.')).toBeTruthy();
    expect(screen.getByText('Source').closest('details')!.textContent).toContain('seed L7216-L7217');
    fireEvent.change(screen.getByLabelText(/^The person is a child/), { target: { value: 'false' } });

    fireEvent.change(country, { target: { value: 'Rumania' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByText('Pick a country from the list.');
    expect(country.getAttribute('aria-invalid')).toBe('true');
    expect(sent).toEqual([]);

    fireEvent.change(country, { target: { value: 'Romania' } });
    expect(screen.getByText('Romania — code RO will be sent')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(sent).toEqual([{ returnCountry: 'RO', isMinor: false }]));
  });

  it('takes the citations out of a text into its sources', () => {
    expect(splitSource('Vulnerable persons travel escorted (seed L2657-L2658, L7630-L7631).')).toEqual({
      text: 'Vulnerable persons travel escorted.',
      sources: ['seed L2657-L2658, L7630-L7631'],
    });
    expect(splitSource('No family is present (inferred).')).toEqual({
      text: 'No family is present.',
      sources: ['inferred'],
    });
    expect(splitSource('Plain guidance.')).toEqual({ text: 'Plain guidance.', sources: [] });
  });

  it('shows a declared country field (published with its codes as an enum) as the picker, not a list of codes', async () => {
    const declared = formToJsonSchema({
      fields: {
        hostCountry: { type: 'string', format: 'country', label: 'Country the person is in now', required: true },
      },
    }) as JsonSchema;
    const sent: Record<string, unknown>[] = [];
    render(
      <I18nProvider initial="en">
        <SchemaForm schema={declared} labelPrefix="x.z" submitLabel="Send" onSubmit={async (p) => void sent.push(p)} />
      </I18nProvider>,
    );
    const country = screen.getByLabelText(/^Country the person is in now/);
    expect(country.tagName).toBe('INPUT');
    expect(screen.queryByRole('combobox', { name: /Country/ })?.tagName).not.toBe('SELECT');
    fireEvent.change(country, { target: { value: 'Germany' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(sent).toEqual([{ hostCountry: 'DE' }]));
  });
});
