/**
 * Italian labels of the court testimony and witness support SOP (workflows/court-testimony): title, summary, slots,
 * steps, events, intake, step and event form fields with their options and help, step descriptions, end states and
 * phases. English comes from the declaration (GET /sops/:id); a unit test fails when a label is missing here.
 */
const C = 'court-testimony';
const NOTE = 'Nota (senza nomi)';
const RISK = { low: 'Basso', medium: 'Medio', high: 'Alto' };

const STEPS: Record<string, string> = {
  'inform-witness': "Informare il testimone della richiesta e dell'udienza",
  'testimony-decision': 'Registrare la decisione del testimone di testimoniare',
  'appoint-advocate': "Autorizzare l'avvocato o il difensore della vittima scelto dal testimone",
  'risk-assessment': 'Valutare il rischio per il testimone e stabilire le misure di protezione',
  'confirm-hearing': "Confermare la data dell'udienza e le misure disposte dal tribunale",
  'book-travel': 'Prenotare viaggio e alloggio per il tribunale in un altro paese',
  'lawyer-meeting': "Incontro con l'avvocato del testimone",
  'pre-trial-support': "Sostegno psicologico e preparazione prima dell'udienza",
  'hearing-escort': "Accompagnare il testimone all'udienza",
  'post-hearing-follow-up': "Seguito dopo l'udienza",
};

const EVENTS: Record<string, string> = {
  'hearing-postponed': "L'udienza è rinviata: il pubblico ministero conferma una nuova data",
  'witness-withdraws': 'Il testimone decide di non testimoniare più',
};

const FORMS: Record<string, Record<string, string>> = {
  intake: {
    requestCode: 'Codice di riferimento della richiesta del pubblico ministero',
    witnessCode: 'Codice del testimone',
    requestedBy: 'Chi ha chiesto la testimonianza',
    proceedings: 'Procedimento',
    courtInAnotherCountry: 'Il tribunale è in un paese diverso da quello in cui vive il testimone',
    witnessCountry: 'Paese in cui vive il testimone',
    isMinor: 'Il testimone è minorenne',
  },
  'inform-witness': {
    informedOn: 'Informato il',
    informedThrough: 'Informato tramite',
    language: "Lingua dell'informazione (codice, es. ro)",
    interpreterUsed: 'Interprete presente',
    proceedingsExplained: 'Procedimento e diritti del testimone spiegati',
    guardianInformed: 'Genitori o tutore informati (testimone minorenne)',
    note: NOTE,
  },
  'testimony-decision': {
    decision: 'La decisione del testimone',
    givenBy: 'Decisione espressa da',
    consentForm: 'Forma del consenso',
    shareRisksWithPolice:
      "Il testimone acconsente che l'ONG condivida bisogni e rischi con la polizia per la valutazione del rischio",
    note: NOTE,
  },
  'appoint-advocate': {
    advocateStatus: "L'avvocato o il difensore della vittima del testimone",
    authorisationSignedBy: 'Autorizzazione firmata da',
    authorisationOn: 'Autorizzazione firmata il',
    legalAidCovered: 'Spese legali coperte (gratuito patrocinio o programma)',
    note: NOTE,
  },
  'risk-assessment': {
    overallRisk: 'Rischio complessivo per il testimone',
    riskFromNetwork: 'Rischio dalla rete di sfruttamento',
    riskToFamily: 'Rischio per la famiglia del testimone',
    policeEscortToCourt: 'Scorta di polizia da e per il tribunale',
    protectionAtHearing: 'Protezione di polizia nel palazzo di giustizia',
    familyProtection: 'Misure di protezione per la famiglia',
    identityShielding: "Identità protetta durante l'esame",
    nextReviewOn: 'Prossima revisione del rischio il',
    note: NOTE,
  },
  'confirm-hearing': {
    hearingDate: "Data dell'udienza",
    courtCode: 'Codice di riferimento del tribunale',
    attendance: 'Come viene sentito il testimone',
    separateWaitingArea: 'Disposta una sala d’attesa separata',
    screenOrClosedSession: 'Disposti paravento o udienza a porte chiuse',
    courtArrangesTravel: 'Il tribunale organizza viaggio e alloggio del testimone',
  },
  'book-travel': {
    outboundDate: 'Viaggio di andata il',
    returnDate: 'Viaggio di ritorno il',
    accommodationArranged: 'Alloggio organizzato',
    companionTravels: 'Un genitore o una persona di fiducia viaggia con il testimone',
    escortTravels: "Personale dell'ONG viaggia con il testimone",
    costsCoveredBy: 'Spese di viaggio coperte da',
  },
  'lawyer-meeting': {
    meetingOn: "Incontro con l'avvocato il",
    interpreterProvided: 'Interprete presente',
    interpretationAdequate: "L'interpretariato è stato adeguato",
    compensationClaimDiscussed: 'Discussa la richiesta di risarcimento',
    note: NOTE,
  },
  'pre-trial-support': {
    counsellingSessions: "Colloqui di sostegno prima dell'udienza",
    proceedingsExplained: "Svolgimento dell'udienza spiegato",
    interpreterBooked: "Interprete prenotato per l'udienza",
    interpreterLanguage: "Lingua dell'interprete (codice)",
    enoughPreparationTime: "C'è stato tempo sufficiente per prepararsi",
    note: NOTE,
  },
  'hearing-escort': {
    outcome: "All'udienza",
    accompanied: "Personale dell'ONG ha accompagnato il testimone",
    interpreterAtHearing: "Interprete presente all'udienza",
    policeProtectionProvided: "Protezione di polizia fornita all'udienza",
    orderedMeasuresApplied: 'Le misure disposte dal tribunale sono state applicate',
    note: NOTE,
  },
  'post-hearing-follow-up': {
    counsellingAfter: "Sostegno psicologico dopo l'udienza",
    returnTravel: 'Viaggio di ritorno',
    informedOfOutcome: "Il testimone è stato informato dell'esito o dei passi successivi",
    furtherHearingExpected: "È prevista un'altra udienza",
    note: NOTE,
  },
  'hearing-postponed': { reason: 'Motivo', announcedOn: 'Comunicato il' },
  'witness-withdraws': { reason: 'Motivo', note: NOTE },
};

/** Option labels by field name (the same field name has the same options wherever it appears). */
const OPTIONS: Record<string, Record<string, string>> = {
  requestedBy: { prosecutor: 'Pubblico ministero', court: 'Tribunale', police: 'Polizia' },
  proceedings: { trial: 'Processo', 'pre-trial-questioning': 'Incidente probatorio', appeal: 'Appello' },
  informedThrough: {
    directly: 'Direttamente',
    'origin-ngo': "L'ONG nel paese del testimone",
    'cultural-mediator': 'Un mediatore culturale',
  },
  decision: { testify: 'Testimonia', declines: 'Non testimonia' },
  givenBy: { person: 'La persona', guardian: 'Il genitore o tutore' },
  consentForm: { verbal: 'Verbale', written: 'Scritto' },
  advocateStatus: {
    appointed: 'Nominato ora',
    'already-represented': 'Già assistito da un avvocato',
    'not-wanted': 'Non desiderato',
  },
  authorisationSignedBy: { person: 'La persona', guardian: 'Il genitore o tutore', 'not-needed': 'Non necessaria' },
  overallRisk: RISK,
  riskFromNetwork: RISK,
  riskToFamily: RISK,
  attendance: { 'in-person': 'Di persona', 'video-link': 'In videocollegamento' },
  courtArrangesTravel: { yes: 'Sì', no: 'No', 'not-needed': 'Non necessario' },
  costsCoveredBy: {
    court: 'Il tribunale',
    'destination-ngo': "L'ONG nel paese del tribunale",
    'origin-ngo': "L'ONG nel paese del testimone",
    programme: 'Un programma di assistenza',
    'not-covered': 'Non coperte',
  },
  outcome: {
    testified: 'Ha testimoniato',
    'not-heard': 'Non è stato sentito',
    'did-not-attend': 'Non si è presentato',
  },
  returnTravel: { done: 'Effettuato', 'not-needed': 'Non necessario', pending: 'In sospeso' },
  reason: {
    'court-schedule': 'Calendario del tribunale',
    'defendant-absent': 'Imputato assente',
    'witness-unavailable': 'Testimone non disponibile',
    'fear-of-reprisals': 'Paura di ritorsioni',
    health: 'Salute',
    'changed-mind': 'Ha cambiato idea',
    other: 'Altro',
  },
};

const DESCRIPTIONS: Record<string, string> = {
  'inform-witness':
    "L'ONG «ha prontamente informato la vittima e i suoi genitori dell'udienza» tramite l'ONG del suo paese (L7637); " +
    'informazioni sul procedimento (L5173). Il termine di 2 giorni è dedotto.',
  'testimony-decision':
    '«Con il consenso della vittima a testimoniare» (L7637-L7638). Il testimone può decidere di non testimoniare ed è ' +
    'assistito comunque (C3, L6515; L3575-L3576). Nessun termine: si attende la decisione del testimone.',
  'appoint-advocate':
    "Il genitore «ha firmato l'autorizzazione a nominare» l'avvocato suggerito dall'ONG (L7638); nominare il difensore " +
    'tardi è stato un problema (L7676). Il termine è dedotto.',
  'risk-assessment':
    'C11 segnala «nessuna protezione della vittima da parte della polizia durante l’udienza» (L7677; anche L3010); in ' +
    'C1 la polizia ha protetto la famiglia (L6232). Voci dal modulo di C1 (L6266-L6267), protezione dell’identità da ' +
    'PHDS (L7836-L7837). Che la compili la polizia, dopo il consenso a condividere bisogni e rischi, è dedotto.',
  'confirm-hearing':
    'La data viene dal tribunale (L7636); l’ONG «ha chiesto al tribunale come organizzare il viaggio» e il tribunale ' +
    'non ha potuto (L7639-L7640). La conferma da parte del pubblico ministero e il termine sono dedotti.',
  'book-travel':
    'Solo se il tribunale è in un altro paese e non organizza il viaggio: le due ONG «hanno prenotato i voli e ' +
    'organizzato l’alloggio» (L7640); un viaggio sicuro per le udienze (L6234); i costi (L6250).',
  'lawyer-meeting':
    'Le ONG hanno organizzato «l’incontro con l’avvocato»; con poco preavviso l’interprete non ha svolto bene il suo ' +
    'compito (L7640-L7641, L7679). Saltato se il testimone non vuole un avvocato. Il termine è dedotto.',
  'pre-trial-support':
    '«Sostegno prima e dopo le audizioni di polizia e le udienze» (L1949, L5172); il poco preavviso ha lasciato «poco ' +
    'tempo per un’adeguata preparazione» (L7608-L7609). Il termine è dedotto.',
  'hearing-escort':
    'Si apre il giorno dell’udienza: il personale dell’ONG «ha accompagnato la vittima e sua madre all’udienza» ' +
    '(L7642; P15 L5582; PHDS L7743). Il termine di 2 giorni per registrarlo è dedotto.',
  'post-hearing-follow-up':
    'Sostegno dopo l’udienza (L1949, L5181), informare il testimone sugli sviluppi (L7675), il viaggio di ritorno ' +
    '(L6234). Il termine di 14 giorni è dedotto.',
};

const HELP: Record<string, Record<string, string>> = {
  intake: {
    courtInAnotherCountry: 'Coinvolge l’ONG nel paese del testimone e il passo di viaggio e alloggio.',
  },
  'testimony-decision': {
    decision: 'Un testimone che non testimonia mantiene ogni assistenza; finisce solo il percorso del testimone.',
  },
  'appoint-advocate': {
    advocateStatus:
      'Una volta nominato, l’ente capofila inserisce lo studio dell’avvocato nel ruolo del difensore (può entrare più tardi).',
  },
  'confirm-hearing': {
    hearingDate: 'Fissa la scadenza «data dell’udienza» della preparazione; un rinvio la fissa di nuovo.',
  },
};

const END_STATES: Record<string, string> = {
  'declined-to-testify': 'Il testimone non testimonia (l’assistenza continua)',
  'testimony-given': 'Testimonianza resa',
  'testimony-not-given': 'Testimonianza non resa',
  cancelled: 'Annullato',
};

const SLOTS: Record<string, string> = {
  ngo: 'ONG specializzata di sostegno (sostegno al testimone)',
  prosecutor: 'Procura della Repubblica',
  police: 'Polizia, protezione di vittime e testimoni',
  'origin-ngo': 'ONG nel paese del testimone',
  advocate: "L'avvocato o il difensore della vittima del testimone",
};

function flatten(): Record<string, string> {
  const out: Record<string, string> = {
    [`${C}.title`]: 'Testimonianza in tribunale e sostegno al testimone',
    [`${C}.summary`]:
      'Il pubblico ministero chiede la testimonianza di un testimone; l’ONG di sostegno lo informa e il testimone decide ' +
      'se testimoniare (un no chiude solo il percorso del testimone, mai l’assistenza); si nomina il suo avvocato e la ' +
      'polizia valuta il rischio e stabilisce le misure di protezione; il pubblico ministero conferma la data ' +
      'dell’udienza, da cui derivano le scadenze della preparazione; si preparano sostegno psicologico, incontro con ' +
      'l’avvocato e, per un tribunale in un altro paese, viaggio e alloggio; l’ONG accompagna il testimone all’udienza ' +
      'e ne segue il dopo.',
    'phase.preparation': 'preparazione',
    'phase.hearing': 'udienza',
    'phase.follow-up': 'seguito',
  };
  for (const [id, title] of Object.entries(STEPS)) out[`${C}.${id}`] = title;
  for (const [type, title] of Object.entries(EVENTS)) out[`${C}.event.${type}`] = title;
  for (const [form, fields] of Object.entries(FORMS)) {
    for (const [field, label] of Object.entries(fields)) {
      out[`${C}.${form}.${field}`] = label;
      for (const [option, optionLabel] of Object.entries(OPTIONS[field] ?? {}))
        out[`${C}.${form}.${field}.${option}`] = optionLabel;
    }
  }
  for (const [id, text] of Object.entries(DESCRIPTIONS)) out[`${C}.describe.${id}`] = text;
  for (const [form, fields] of Object.entries(HELP)) {
    for (const [field, text] of Object.entries(fields)) out[`${C}.${form}.${field}.help`] = text;
  }
  for (const [id, label] of Object.entries(END_STATES)) out[`${C}.end.${id}`] = label;
  for (const [slot, label] of Object.entries(SLOTS)) out[`${C}.slot.${slot}`] = label;
  return out;
}

export const COURT_TESTIMONY_LABELS_IT: Record<string, string> = flatten();
