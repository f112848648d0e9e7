/**
 * Italian labels of the Venice SOP (workflows/venice-inspection): its title, step names, intake and step form
 * labels and their options, step descriptions and field help, end states, participants and phases (role names are in the interface catalogue, it.ts). English labels come from
 * GET /sops/:id. A unit test fails when a Venice step or form field has no Italian label here.
 */
const V = 'venice-inspection';

const NOTE = 'Breve nota (senza nomi)';

const STEPS: Record<string, string> = {
  'joint-planning-unit': "Confermare il piano d'ispezione congiunto (Unità di Crisi e Valutazione)",
  'joint-planning-inspectorate': "Confermare il piano d'ispezione congiunto (Ispettorato del Lavoro)",
  'joint-planning-police': "Confermare il piano d'ispezione congiunto (forze dell'ordine)",
  'compliance-check-labour': 'Verificare salute, sicurezza e regolarità del lavoro',
  'compliance-check-police': "Verificare la posizione giuridica dei lavoratori e i locali (forze dell'ordine)",
  'worker-interviews': 'Colloqui con tutti i lavoratori migranti con il mediatore culturale',
  'information-non-vulnerable': 'Informare i lavoratori non ritenuti vulnerabili',
  'municipal-team-joins': "Inviare l'équipe comunale a unirsi all'Unità",
  'preliminary-needs-assessment': 'Valutazione preliminare del caso: individuare i bisogni',
  'information-and-counselling': 'Informazione e orientamento',
  'identification-decision': 'Decidere se il lavoratore è identificato come vittima di tratta',
  'referral-to-social-protection': 'Presa in carico della persona inviata (programma di protezione sociale)',
  'child-assessment': 'Valutare la situazione del minore e la presenza della famiglia',
  'family-conditions-assessment': 'Valutare le condizioni familiari (servizi sociali territoriali)',
  'child-shelter-placement': 'Accogliere il minore in una struttura protetta per minori',
};

const FORMS: Record<string, Record<string, string>> = {
  intake: {
    triggerType: "Come è stata informata l'Unità",
    premisesType: 'Tipo di locali',
    suspectedExploitation: 'Forma di sfruttamento sospettata',
    municipality: 'Comune in cui si trovano i locali',
    estimatedWorkers: 'Numero stimato di lavoratori nei locali',
    livingOnPremisesReported: 'Si segnala che i lavoratori vivono nei locali',
    childrenReported: 'Si segnala la presenza di minori nei locali',
    signalRef: "Riferimento della segnalazione presso l'ente segnalante",
    signalNote: 'Sintesi della segnalazione (senza nomi)',
  },
  'joint-planning-unit': {
    decision: "L'Unità sul piano d'ispezione congiunto",
    plannedDate: "Data concordata per l'ispezione",
    socialWorkersOnCall: 'Assistenti sociali reperibili per la giornata',
    mediatorAssigned: 'Mediatore culturale assegnato',
    mediatorLanguage: 'Lingua della mediazione (es. zh-wuu)',
    note: 'Nota di pianificazione',
  },
  'joint-planning-inspectorate': {
    decision: "L'Ispettorato sul piano",
    inspectorsAssigned: 'Ispettori del lavoro assegnati',
    inspectionFileRef: "Riferimento della pratica dell'Ispettorato",
    note: 'Cosa dovrebbe cambiare, se qualcosa',
  },
  'joint-planning-police': {
    decision: "Le forze dell'ordine sul piano",
    force: 'Forza partecipante',
    officersAssigned: 'Agenti assegnati',
    note: 'Cosa dovrebbe cambiare, se qualcosa',
  },
  'compliance-check-labour': {
    workersPresent: "Lavoratori presenti all'ispezione",
    healthSafetyBreaches: 'Violazioni di salute e sicurezza riscontrate',
    workersWithoutContract: 'Lavoratori senza contratto regolare',
    livingOnPremises: 'I lavoratori vivono nei locali',
    activitySuspended: "Attività sospesa dall'Ispettorato",
    inspectionRecordRef: 'Registrazione nella banca dati delle ispezioni',
  },
  'compliance-check-police': {
    identityChecks: "Controlli d'identità effettuati",
    withoutResidencePermit: 'Lavoratori senza permesso di soggiorno',
    offenceReported: 'Reato segnalato alla Procura',
    policeRecordRef: 'Riferimento del verbale di polizia',
  },
  'worker-interviews': {
    workersInterviewed: 'Lavoratori migranti intervistati',
    mediatorSupported: 'Colloqui svolti con il mediatore culturale',
    vulnerableWorkerCodes: 'Codici dei lavoratori ritenuti vulnerabili (W1, W2, ...)',
    childrenFound: 'Minori trovati nei locali',
    childCodes: 'Codici dei minori trovati (C1, C2, ...)',
    settingSuitable: 'Era disponibile uno spazio riservato per i colloqui',
    interviewSheetRef: 'Registrazione nella banca dati contatti e colloqui',
    note: NOTE,
  },
  'information-non-vulnerable': {
    workersInformed: 'Lavoratori informati',
    migrationLawCovered: "Spiegata la normativa italiana sull'immigrazione",
    labourRightsCovered: 'Spiegati i diritti del lavoro e dove chiedere aiuto',
    leafletsGiven: 'Consegnati opuscoli informativi',
  },
  'municipal-team-joins': {
    socialWorkersDeployed: 'Assistenti sociali sul posto',
    psychologistDeployed: 'Psicologo sul posto',
    separateSpaceAvailable: "È disponibile uno spazio separato dall'ispezione",
  },
  'preliminary-needs-assessment': {
    interpreterPresent: 'Supporto linguistico presente',
    needsHealthcare: 'Ha bisogno di cure sanitarie',
    needsAccommodation: 'Ha bisogno di un alloggio sicuro',
    needsLegalAdvice: 'Ha bisogno di consulenza legale',
    immediateDanger: 'Segni di pericolo immediato',
    timeSufficient: 'Tempo sufficiente per la valutazione',
    note: NOTE,
  },
  'information-and-counselling': {
    migrationLawCovered: "Spiegata la normativa italiana sull'immigrazione",
    protectionOptionsCovered: 'Spiegate le possibilità di protezione e assistenza',
    leafletGiven: 'Consegnato un opuscolo informativo',
    followUpAgreed: 'Concordato un contatto successivo',
    note: NOTE,
  },
  'identification-decision': {
    outcome: "Esito dell'identificazione",
    exploitationForm: 'Forma di sfruttamento riscontrata',
    note: NOTE,
  },
  'referral-to-social-protection': {
    programme: 'Programma',
    takenInChargeOn: 'Presa in carico il',
    accommodationProvided: 'Fornito alloggio protetto',
    note: NOTE,
  },
  'child-assessment': {
    familyPresent: 'Genitore o famiglia presente',
    ageEstimate: 'Età stimata',
    unsafeConditions: 'Condizioni di vita insalubri o non sicure',
    childLabourSuspected: 'Sospetto lavoro minorile',
    note: NOTE,
  },
  'family-conditions-assessment': {
    livingConditionsAdequate: 'Condizioni di vita della famiglia adeguate',
    measures: 'Misure concordate',
    schoolingArranged: 'Frequenza scolastica organizzata o confermata',
    note: NOTE,
  },
  'child-shelter-placement': {
    admittedOn: 'Accolto il',
    assistedAs: 'Assistito come',
    guardianRequested: 'Richiesta la nomina di un tutore',
    note: NOTE,
  },
};

/** Option labels by field name; the same field name means the same options wherever it appears. */
const OPTIONS: Record<string, Record<string, string>> = {
  triggerType: {
    'labour-investigation': 'Indagine sul lavoro',
    'police-investigation': 'Indagine di polizia',
    'hotline-call': 'Chiamata al numero verde',
    'anonymous-letter': 'Lettera anonima',
    'word-of-mouth': 'Passaparola',
    other: 'Altro',
  },
  premisesType: {
    'manufacturing-company': 'Azienda manifatturiera',
    'textile-workshop': 'Laboratorio tessile',
    'massage-centre': 'Centro massaggi',
    apartment: 'Appartamento',
    other: 'Altro',
  },
  suspectedExploitation: {
    labour: 'Lavorativo',
    sexual: 'Sessuale',
    'labour-and-sexual': 'Lavorativo e sessuale',
    unknown: 'Non noto',
  },
  exploitationForm: {
    labour: 'Lavorativo',
    sexual: 'Sessuale',
    'labour-and-sexual': 'Lavorativo e sessuale',
    none: 'Nessuno',
  },
  decision: { confirmed: 'Confermato', revise: 'Da rivedere', 'call-off': "Annullare l'ispezione" },
  force: { carabinieri: 'Carabinieri', 'state-police': 'Polizia di Stato', 'local-police': 'Polizia locale' },
  outcome: {
    'identified-consents-to-referral': "Identificata, acconsente all'invio",
    'identified-declines-referral': "Identificata, rifiuta l'invio",
    'not-identified': 'Non identificata',
  },
  programme: { local: 'Locale', national: 'Nazionale' },
  measures: {
    'none-needed': 'Nessuna necessaria',
    'family-support-plan': 'Piano di sostegno alla famiglia',
    'referred-to-child-protection-authority': "Segnalazione all'autorità per la tutela dei minori",
  },
  assistedAs: {
    'unaccompanied-foreign-child': 'Minore straniero non accompagnato',
    'child-victim-of-trafficking': 'Minore vittima di tratta',
  },
};

/** Italian step descriptions (the case view's hint under each task) and field help, keyed by step and field. */
const DESCRIPTIONS: Record<string, string> = {
  'joint-planning-unit':
    "L'équipe \"si riunisce e pianifica congiuntamente l'ispezione sul luogo di lavoro\"; l'Unità fissa la data e chi è reperibile. La conferma di ciascun ente, il giro di revisione e l'annullamento sono dedotti. Obiettivo dedotto: la fonte non ne indica (L4474-L4476).",
  'joint-planning-inspectorate':
    "L'Ispettorato impegna gli ispettori in base alla sua dichiarazione di partenariato con il Comune. Obiettivo dedotto: la fonte non ne indica (L4474-L4476).",
  'joint-planning-police':
    'Carabinieri o Polizia impegnano gli agenti in base alla loro dichiarazione di partenariato. Obiettivo dedotto: la fonte non ne indica (L4474-L4476).',
  'compliance-check-labour':
    "Si apre alla data pianificata. Ispettori e agenti controllano insieme i locali; la ripartizione del verbale (Ispettorato: sicurezza, contratti; forze dell'ordine: identità, posizione giuridica) è dedotta. Obiettivo dedotto: la fonte non ne indica (L4474-L4476).",
  'compliance-check-police':
    'Si svolge in parallelo al controllo del lavoro; riguarda la posizione del lavoratore (posizione giuridica). Obiettivo dedotto: la fonte non ne indica (L4474-L4476).',
  'worker-interviews':
    'Registra quanti lavoratori sono stati sentiti e i codici dei lavoratori ritenuti vulnerabili e degli eventuali minori. Chi decide la vulnerabilità non è indicato; la registrano gli ispettori che conducono i colloqui (dedotto). Un verbale con codici diversi da W1.../C1... viene respinto. Obiettivo dedotto: la fonte non ne indica (L4474-L4476).',
  'information-non-vulnerable':
    "Chi li informa non è indicato; lo fa il mediatore che sostiene l'ispezione (L4396) con i volantini, così nessun assistente sociale partecipa alla fase ispettiva (dedotto). Obiettivo dedotto: la fonte non ne indica (L4474-L4476).",
  'municipal-team-joins':
    "Il passaggio dall'ispezione alla protezione, quando si trovano lavoratori vulnerabili o minori. Obiettivo dedotto: la fonte non ne indica (L4474-L4476).",
  'preliminary-needs-assessment':
    'Per ogni lavoratore vulnerabile. Obiettivo dedotto: la fonte non ne indica (L4474-L4476).',
  'information-and-counselling':
    'Per ogni lavoratore vulnerabile. Obiettivo dedotto: la fonte non ne indica (L4474-L4476).',
  'identification-decision':
    "Chi identifica non è indicato (si deduce l'équipe comunale). Qui si chiede il consenso all'invio (L1129-L1130), così nulla arriva al personale della protezione sociale senza di esso. Obiettivo dedotto: la fonte non ne indica (L4474-L4476).",
  'referral-to-social-protection':
    'Il personale comunale della protezione sociale conferma che la persona è nel programma locale o nazionale. Obiettivo dedotto: la fonte non ne indica (L4474-L4476).',
  'child-assessment': 'Per ogni minore trovato. Obiettivo dedotto: la fonte non ne indica (L4474-L4476).',
  'family-conditions-assessment':
    'La fonte si ferma a "una valutazione specifica anche delle condizioni familiari, coinvolgendo i servizi sociali territoriali"; le misure offerte sono dedotte. Obiettivo dedotto: la fonte non ne indica (L4474-L4476).',
  'child-shelter-placement':
    'Quando la famiglia non è presente. "accompagnato" nella fonte è letto come "non accompagnato". Obiettivo dedotto: la fonte non ne indica (L4474-L4476).',
};

const HELP: Record<string, Record<string, string>> = {
  'joint-planning-unit': {
    decision: "`call-off` chiude il caso: la segnalazione non giustifica un'ispezione (dedotto).",
  },
  'worker-interviews': {
    vulnerableWorkerCodes:
      'Un codice per lavoratore, W seguito da un numero; mai un nome. Vuoto se nessuno è risultato vulnerabile.',
    childCodes: 'Un codice per minore, C seguito da un numero; mai un nome.',
  },
};

const END_STATES: Record<string, string> = {
  'closed-referred-to-social-protection': 'Chiuso: inviato alla protezione sociale',
  'closed-referral-declined': 'Chiuso: invio rifiutato',
  'closed-counselled-not-identified': 'Chiuso: orientato, non identificato',
  'closed-no-vulnerable-workers': 'Chiuso: nessun lavoratore vulnerabile',
  'child-placed-in-shelter': 'Minore accolto in struttura',
  'child-family-assessed': 'Famiglia del minore valutata',
  'inspection-called-off': 'Ispezione annullata',
  'person-absconded': 'Persona allontanatasi prima della fine del sostegno',
  'person-lost-contact': 'Contatto con la persona perso',
  'closed-contact-lost': 'Chiuso: contatto perso con tutti i lavoratori vulnerabili',
  cancelled: 'Annullato',
};

const SLOTS: Record<string, string> = {
  unit: 'Unità di Crisi e Valutazione (Comune di Venezia)',
  inspectorate: 'Ispettorato del Lavoro',
  police: "Forze dell'ordine (Carabinieri o Polizia)",
  'social-protection': 'Personale comunale della protezione sociale',
  'social-services': 'Servizi sociali territoriali',
  'child-shelter': 'Struttura protetta per minori',
};

function flatten(): Record<string, string> {
  const out: Record<string, string> = {
    [`${V}.title`]: 'Ispezione di crisi e valutazione di Venezia',
    [`${V}.summary`]:
      "Una segnalazione di sfruttamento nascosto porta a un'ispezione congiunta, pianificata, di ispettori del lavoro e forze " +
      "dell'ordine con un mediatore culturale; i lavoratori vulnerabili e i minori trovati vengono poi valutati, orientati e " +
      "inviati dall'équipe comunale, separata dall'ispezione.",
    'phase.planning': 'pianificazione',
    'phase.inspection': 'ispezione',
    'phase.protection': 'protezione',
  };
  for (const [id, title] of Object.entries(STEPS)) out[`${V}.${id}`] = title;
  for (const [form, fields] of Object.entries(FORMS)) {
    for (const [field, label] of Object.entries(fields)) {
      out[`${V}.${form}.${field}`] = label;
      for (const [option, optionLabel] of Object.entries(OPTIONS[field] ?? {}))
        out[`${V}.${form}.${field}.${option}`] = optionLabel;
    }
  }
  for (const [id, text] of Object.entries(DESCRIPTIONS)) out[`${V}.describe.${id}`] = text;
  for (const [form, fields] of Object.entries(HELP)) {
    for (const [field, text] of Object.entries(fields)) out[`${V}.${form}.${field}.help`] = text;
  }
  for (const [id, label] of Object.entries(END_STATES)) out[`${V}.end.${id}`] = label;
  for (const [slot, label] of Object.entries(SLOTS)) out[`${V}.slot.${slot}`] = label;
  return out;
}

export const SOP_LABELS_IT: Record<string, string> = flatten();
