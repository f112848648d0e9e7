import { AppStack } from '../support/stack';

/**
 * Input a case must refuse, through the real API, worker, Temporal and PostgreSQL: every refusal is a 4xx naming the
 * field and the reason (never the value), and nothing is started or written by a refused request.
 */
const stack = new AppStack('case-input-rules');
const day = (days: number) => new Date(Date.now() + days * 864e5).toISOString().slice(0, 10);
const RETURN_INTAKE = { isMinor: false, plannedReturnDate: day(90), returnCountry: 'RO' };
let destCaseworker = '';
let destCoordinator = '';

beforeAll(async () => {
  await stack.start();
  destCaseworker = await stack.token('mh-heilbronn', ['ngo-caseworker'], 'rules-caseworker');
  destCoordinator = await stack.token('mh-heilbronn', ['ngo-coordinator'], 'rules-coordinator');
  await stack.registerAgency(`rules-police-${process.pid}`, 'police');
});
afterAll(() => stack.stop());

const start = (body: unknown, token = destCaseworker) => stack.http('POST', '/cases', { token, body });

async function casesOf(token: string): Promise<number> {
  const res = await stack.http('GET', '/cases?limit=200', { token });
  expect(res.status).toBe(200);
  return (res.body.items as unknown[]).length;
}

describe('participants at case start', () => {
  it('refuses an agency the directory does not know, naming the slot', async () => {
    const before = await casesOf(destCaseworker);
    const res = await start({
      sop: 'assisted-return',
      input: RETURN_INTAKE,
      participants: { 'origin-ngo': 'no-such-agency' },
    });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([
      { field: 'participants.origin-ngo', reason: 'is not an agency of this deployment (see GET /agencies)' },
    ]);
    expect(JSON.stringify(res.body)).not.toContain('no-such-agency');
    expect(await casesOf(destCaseworker)).toBe(before);
  });

  it('refuses an agency of the wrong kind for the slot, naming both kinds', async () => {
    const res = await start({
      sop: 'assisted-return',
      input: RETURN_INTAKE,
      participants: { 'origin-ngo': `rules-police-${process.pid}` },
    });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([
      {
        field: 'participants.origin-ngo',
        reason: 'must be a ngo agency (the Origin-country NGO (receiving provider)); this agency is a police',
      },
    ]);
  });

  it('takes a registered agency of a kind the slot also accepts (IOM as the return agency)', async () => {
    const iom = `rules-iom-${process.pid}`;
    await stack.registerAgency(iom, 'iom');
    const res = await start({ sop: 'assisted-return', input: RETURN_INTAKE, participants: { 'return-agency': iom } });
    expect(res.status).toBe(201);
  });
});

describe('intake values', () => {
  it('refuses a planned date in the past where the SOP plans ahead', async () => {
    const police = await stack.token('mossos-thb-unit', ['police-coordinator'], 'rules-police');
    const res = await start(
      {
        sop: 'joint-operation',
        input: { operationCode: 'OP-RULES-1', exploitationType: 'labour', plannedDate: day(-30) },
      },
      police,
    );
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ field: 'input.plannedDate', reason: 'must not be in the past' }]);
    const ret = await start({ sop: 'assisted-return', input: { ...RETURN_INTAKE, plannedReturnDate: day(-2) } });
    expect(ret.status).toBe(400);
    expect(ret.body.fields).toEqual([{ field: 'input.plannedReturnDate', reason: 'must not be in the past' }]);
  });

  it('refuses a one-letter, lower-case or unassigned country code and a country name', async () => {
    const reason = 'must be an ISO 3166-1 alpha-2 country code of two capital letters, such as RO (not a name)';
    for (const returnCountry of ['R', 'ro', 'QQ', 'Romania']) {
      const res = await start({ sop: 'assisted-return', input: { ...RETURN_INTAKE, returnCountry } });
      expect({ returnCountry, status: res.status, fields: res.body.fields }).toEqual({
        returnCountry,
        status: 400,
        fields: [{ field: 'input.returnCountry', reason }],
      });
    }
    const nationality = await start({ sop: 'assisted-return', input: { ...RETURN_INTAKE, nationality: 'Ro' } });
    expect(nationality.body.fields).toEqual([{ field: 'input.nationality', reason }]);
  });

  it('publishes the same rules in the SOP JSON Schema', async () => {
    const res = await stack.http('GET', '/sops/assisted-return', { token: destCaseworker });
    expect(res.status).toBe(200);
    const props = res.body.intake.properties;
    expect(props.returnCountry).toMatchObject({ 'x-format': 'country', pattern: '^[A-Z]{2}$' });
    expect(props.returnCountry.enum).toContain('RO');
    expect(props.returnCountry.enum).not.toContain('QQ');
    expect(props.plannedReturnDate).toMatchObject({ format: 'date', 'x-not-before': 'today' });
  });
});

describe('consents and events against the case', () => {
  let caseId = '';

  beforeAll(async () => {
    const res = await start({ sop: 'assisted-return', input: RETURN_INTAKE });
    expect(res.status).toBe(201);
    caseId = res.body.caseId;
  });

  it('refuses a sharing consent naming an agency that does not take part in the case', async () => {
    const res = await stack.http('POST', `/cases/${caseId}/consents`, {
      token: destCaseworker,
      body: {
        purpose: 'sharing',
        sharedWithAgency: `rules-police-${process.pid}`,
        scope: ['identity'],
        form: 'written',
        givenBy: 'person',
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([
      {
        field: 'sharedWithAgency',
        reason: 'must be an agency taking part in this case (see participants in GET /cases/:id)',
      },
    ]);
    const list = await stack.http('GET', `/cases/${caseId}/consents`, { token: destCaseworker });
    expect(list.body.items).toEqual([]);
  });

  it('refuses a refusal of a route the case never took (409 with the reason), and the case runs on', async () => {
    const task = await stack.waitForTask(destCaseworker, 'assess-return-options', caseId);
    const done = await stack.http('POST', `/tasks/${task.taskId}/complete`, {
      token: destCaseworker,
      body: { form: { option: 'return-to-origin', informedOfOptionsAndRights: true } },
    });
    expect(done.status).toBe(200);
    const res = await stack.http('POST', `/cases/${caseId}/events`, {
      token: destCoordinator,
      body: { type: 'third-country-refused', data: { reason: 'other' } },
    });
    expect(res.status).toBe(409);
    expect(res.body.message).toBe(
      'This event fits only a case where "Assess the options with the person: return, third country or stay" chose return-to-third-country; this case did not.',
    );
    const view = await stack.http('GET', `/cases/${caseId}`, { token: destCaseworker });
    expect(view.body.status).toBe('open');
  });
});
