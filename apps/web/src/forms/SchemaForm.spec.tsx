import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { formToJsonSchema, validateForm, type FormSpec } from '../../../../libs/contracts/src/forms.contract';
import { VENICE_INSPECTION_SOP } from '../../../../workflows/venice-inspection/venice-inspection.sop';
import { SOPS } from '../../../../workflows/sops';
import { ApiError, type JsonSchema } from '../api';
import { I18nProvider } from '../i18n';
import { SchemaForm } from './SchemaForm';
import { fieldsOf, toPayload, validate } from './validate';

const step = (id: string) => VENICE_INSPECTION_SOP.steps.find((s) => s.id === id)!;
const schemaOf = (form: FormSpec) => formToJsonSchema(form) as JsonSchema;

function renderForm(
  schema: JsonSchema,
  onSubmit = jest.fn().mockResolvedValue(undefined),
  lang: 'en' | 'it' = 'en',
  prefix = 'venice-inspection.joint-planning-unit',
) {
  render(
    <I18nProvider initial={lang}>
      <SchemaForm schema={schema} labelPrefix={prefix} submitLabel="Send" onSubmit={onSubmit} />
    </I18nProvider>,
  );
  return onSubmit;
}

describe('forms generated from a step JSON Schema', () => {
  it('renders a labelled input per field and blocks submission with readable, linked errors', async () => {
    const onSubmit = renderForm(schemaOf(step('joint-planning-unit').form));
    const date = screen.getByLabelText(/Agreed inspection date/);
    expect(date).toHaveProperty('type', 'date');
    expect(screen.getByLabelText(/Social workers on call/)).toHaveProperty('type', 'number');
    expect(screen.getByLabelText(/Planning note/).tagName).toBe('TEXTAREA');
    const decision = screen.getByLabelText(/The Unit on the joint inspection plan/) as HTMLSelectElement;
    expect([...decision.options].map((o) => o.value)).toEqual(['', 'confirmed', 'revise', 'call-off']);

    fireEvent.change(screen.getByLabelText(/Social workers on call/), { target: { value: '11' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));

    expect(onSubmit).not.toHaveBeenCalled();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/4 field\(s\) need attention/);
    expect(date.getAttribute('aria-invalid')).toBe('true');
    const describedBy = date.getAttribute('aria-describedby')!;
    expect(document.getElementById(describedBy.split(' ')[0])!.textContent).toBe('This field is required.');
    const workers = screen.getByLabelText(/Social workers on call/);
    expect(document.getElementById(workers.getAttribute('aria-describedby')!)!.textContent).toBe('Enter 10 or less.');
    // An optional field left empty is not an error.
    expect(screen.getByLabelText(/Language of the mediation/).getAttribute('aria-invalid')).toBeNull();
  });

  it('sends typed JSON once valid and shows the server 400 fields next to the right inputs', async () => {
    const onSubmit = jest
      .fn()
      .mockRejectedValue(
        new ApiError(400, 'validation_failed', 'see fields', [
          { field: 'form.plannedDate', reason: 'must be an ISO 8601 date (YYYY-MM-DD or a full timestamp)' },
        ]),
      );
    renderForm(schemaOf(step('joint-planning-unit').form), onSubmit);
    fireEvent.change(screen.getByLabelText(/The Unit on the joint inspection plan/), {
      target: { value: 'confirmed' },
    });
    fireEvent.change(screen.getByLabelText(/Agreed inspection date/), { target: { value: '2026-12-01' } });
    fireEvent.change(screen.getByLabelText(/Social workers on call/), { target: { value: '2' } });
    fireEvent.change(screen.getByLabelText(/Cultural mediator assigned/), { target: { value: 'true' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));

    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0][0]).toEqual({
      decision: 'confirmed',
      plannedDate: '2026-12-01',
      socialWorkersOnCall: 2,
      mediatorAssigned: true,
    });
    const date = screen.getByLabelText(/Agreed inspection date/);
    await waitFor(() => expect(date.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(date.getAttribute('aria-describedby')!)!.textContent).toBe(
      'Enter a date (YYYY-MM-DD).',
    );
  });

  it('says a step timed out is not confirmed and lets the user send it again', async () => {
    const onSubmit = jest
      .fn()
      .mockRejectedValueOnce(new ApiError(503, 'unavailable', 'The workflow service did not answer in time.'))
      .mockResolvedValueOnce(undefined);
    renderForm(schemaOf({ fields: { ready: { type: 'boolean', label: 'Ready', required: true } } }), onSubmit);
    fireEvent.change(screen.getByLabelText(/Ready/), { target: { value: 'true' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    const alert = await screen.findByText(/did not answer in time, so this is not confirmed yet/);
    expect(alert.textContent).toMatch(/will not be done twice/);
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(2));
    expect(onSubmit.mock.calls[1][0]).toEqual(onSubmit.mock.calls[0][0]);
  });

  it('speaks Italian: Venice labels, options and validation messages', async () => {
    renderForm(
      schemaOf(step('joint-planning-police').form),
      undefined,
      'it',
      'venice-inspection.joint-planning-police',
    );
    const force = screen.getByLabelText(/Forza partecipante/) as HTMLSelectElement;
    expect([...force.options].map((o) => o.textContent)).toEqual([
      '— scegli —',
      'Carabinieri',
      'Polizia di Stato',
      'Polizia locale',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    const field = force.closest('.field') as HTMLElement;
    expect(await within(field).findByText('Campo obbligatorio.')).toBeTruthy();
  });

  it('turns comma-separated codes into a list', () => {
    const fields = fieldsOf(schemaOf(step('worker-interviews').form));
    expect(fields.find((f) => f.name === 'vulnerableWorkerCodes')!.kind).toBe('string-list');
    expect(toPayload(fields, { vulnerableWorkerCodes: 'W1, W2', workersInterviewed: '3' })).toEqual({
      vulnerableWorkerCodes: ['W1', 'W2'],
      workersInterviewed: 3,
    });
  });

  it('agrees with the server validator on every Venice form', () => {
    const samples: Record<string, unknown>[] = [
      {},
      {
        decision: 'nope',
        plannedDate: '31/12/2026',
        socialWorkersOnCall: 2.5,
        inspectorsAssigned: -1,
        workersPresent: 501,
      },
      {
        note: 'x'.repeat(1001),
        municipality: '',
        vulnerableWorkerCodes: ['W1'],
        childCodes: ['C'.repeat(17)],
        unknown: 1,
      },
      { mediatorAssigned: 'yes', programme: 'local', takenInChargeOn: '2026-01-01', ageEstimate: 18 },
    ];
    const forms = [VENICE_INSPECTION_SOP.intake, ...VENICE_INSPECTION_SOP.steps.map((s) => s.form)];
    for (const form of forms) {
      const fields = fieldsOf(schemaOf(form));
      for (const sample of samples) {
        const scoped = Object.fromEntries(Object.entries(sample).filter(([k]) => k in form.fields || k === 'unknown'));
        expect(validate(fields, scoped)).toEqual(validateForm(form, scoped));
      }
    }
  });

  it('renders every form of every SOP (intake, steps, events) with a labelled control per field, agreeing with the server on an empty submission', async () => {
    const forms = SOPS.flatMap((sop) => [
      { where: `${sop.id} intake`, form: sop.intake, prefix: `${sop.id}.intake` },
      ...sop.steps.map((st) => ({ where: `${sop.id} ${st.id}`, form: st.form, prefix: `${sop.id}.${st.id}` })),
      ...(sop.events ?? []).map((e) => ({
        where: `${sop.id} event ${e.type}`,
        form: e.form,
        prefix: `${sop.id}.event.${e.type}`,
      })),
    ]);
    expect(forms.length).toBeGreaterThan(60);
    for (const { where, form, prefix } of forms) {
      const fields = fieldsOf(schemaOf(form));
      expect([where, fields.map((f) => f.name)]).toEqual([where, Object.keys(form.fields)]);
      expect([where, validate(fields, {})]).toEqual([where, validateForm(form, {})]);
      const view = render(
        <I18nProvider initial="en">
          <SchemaForm schema={schemaOf(form)} labelPrefix={prefix} submitLabel="Send" onSubmit={jest.fn()} />
        </I18nProvider>,
      );
      for (const f of fields) {
        // The visible label, and the control it names: by `for` for inputs, by `aria-labelledby` for a checkbox group.
        const label = [...view.container.querySelectorAll('label[id]')].find((l) => l.id.endsWith(`-${f.name}-label`));
        const control =
          f.kind === 'enum-list'
            ? [...view.container.querySelectorAll('[role="group"]')].find(
                (g) => g.getAttribute('aria-labelledby') === label?.id,
              )
            : document.getElementById(label?.getAttribute('for') ?? '');
        expect([where, f.name, Boolean(label?.textContent?.trim()), control instanceof HTMLElement]).toEqual([
          where,
          f.name,
          true,
          true,
        ]);
      }
      view.unmount();
    }
  });
});
