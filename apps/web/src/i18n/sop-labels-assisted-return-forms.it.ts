/**
 * Italian labels of the assisted return's departure and monitoring steps (assisted-return.steps-departure.ts) and of
 * its event forms, keyed without the SOP prefix; sop-labels-assisted-return.it.ts adds the rest and the prefix.
 */

export const AR_NOTE = 'Breve nota (solo codici, senza nomi)';
export const AR_OTHER = 'Altro';

/** The placement options (PLACEMENTS in assisted-return.step-parts.ts). */
export const AR_PLACEMENTS: Record<string, string> = {
  family: 'In famiglia',
  'ngo-shelter': 'Struttura della ONG',
  'transit-shelter': 'Struttura di transito',
  'youth-flat': 'Appartamento per giovani',
  'independent-housing': 'Alloggio autonomo',
};

const RECEIVERS: Record<string, string> = {
  'origin-ngo': 'ONG del paese d’origine',
  'origin-ngo-and-national-agency': 'ONG del paese d’origine e agenzia nazionale',
  'iom-origin': 'OIM nel paese d’origine',
  'police-and-origin-ngo': 'Polizia e ONG del paese d’origine',
};

const DOCUMENTS: Record<string, string> = {
  passport: 'Passaporto',
  'temporary-passport': 'Passaporto temporaneo',
  'travel-document': 'Documento di viaggio',
  'id-card': 'Carta d’identità',
};

/** The booking form (BOOKING_FORM), shared by book-travel and book-travel-ngo. */
const BOOKING: Record<string, string> = {
  departureDate: 'Data di partenza',
  travelMode: 'Mezzo di trasporto',
  'travelMode.flight': 'Aereo',
  'travelMode.train': 'Treno',
  'travelMode.bus': 'Autobus',
  'travelMode.car': 'Auto',
  escort: 'Accompagnamento',
  'escort.return-agency-escort': 'Personale dell’agenzia per i rimpatri',
  'escort.ngo-escort': 'Personale della ONG',
  'escort.police-border-handover': 'Consegna alla polizia di frontiera',
  'escort.none': 'Nessuno',
  'escort.help': 'Le persone vulnerabili viaggiano accompagnate (L2657-L2658, L7630-L7631).',
  fundedBy: 'Chi paga il viaggio',
  'fundedBy.iom-reag': 'OIM (programma REAG)',
  'fundedBy.national-return-programme': 'Programma nazionale di rimpatrio',
  'fundedBy.destination-ngo': 'ONG del paese di destinazione',
  'fundedBy.origin-ngo': 'ONG del paese d’origine',
  'fundedBy.public-fund': 'Fondo pubblico',
  'fundedBy.other': AR_OTHER,
  note: AR_NOTE,
};

const FIELDS: Record<string, string> = {
  'prepare-person-for-return': 'Assistenza prima della partenza: colloqui, protezione durante l’attesa, informazione',
  'prepare-person-for-return.phoneSessionsWithOriginNgo': 'Colloqui telefonici con la ONG del paese d’origine',
  'prepare-person-for-return.optionsAndRightsExplained': 'Spiegati possibilità, diritti e procedura',
  'prepare-person-for-return.coverStoryPrepared': 'Preparato un racconto da dare alla famiglia (se richiesto)',
  'prepare-person-for-return.protectionWhileWaiting': 'Protezione durante l’attesa',
  'prepare-person-for-return.protectionWhileWaiting.not-needed': 'Non serve',
  'prepare-person-for-return.protectionWhileWaiting.secret-accommodation': 'Alloggio segreto',
  'prepare-person-for-return.protectionWhileWaiting.shelter': 'Struttura di accoglienza',
  'prepare-person-for-return.protectionWhileWaiting.police-protection': 'Protezione di polizia',
  'prepare-person-for-return.fitToTravelUntil': 'Idonea al viaggio per il medico fino al (se c’è un limite)',
  'prepare-person-for-return.fitToTravelUntil.help':
    'Ad esempio le compagnie aeree non fanno volare le donne oltre il settimo mese di gravidanza (L7344-L7345): ' +
    'è la scadenza per il viaggio.',
  'prepare-person-for-return.testimonyDecision': 'Testimonianza (il rimpatrio non ne dipende)',
  'prepare-person-for-return.testimonyDecision.not-asked': 'Non richiesta',
  'prepare-person-for-return.testimonyDecision.will-testify': 'Testimonierà',
  'prepare-person-for-return.testimonyDecision.declined': 'Ha rifiutato',
  'prepare-person-for-return.testimonyDecision.undecided': 'Non ha ancora deciso',
  'request-travel-documents': 'Chiedere i documenti di viaggio al consolato',
  'request-travel-documents.documentNeeded': 'Documento necessario',
  'request-travel-documents.documentNeeded.none-valid-passport-held': 'Nessuno: ha già un passaporto valido',
  'request-travel-documents.papersRequested': 'Documenti chiesti dal consolato (codici)',
  'request-travel-documents.papersRequested.help':
    'Elencare ciò che chiede ogni autorità, così la richiesta non si blocca (L6676-L6679).',
  'chase-travel-document': 'Ritardo del consolato: sollecitare il documento di viaggio',
  'chase-travel-document.action': 'Azione svolta',
  'chase-travel-document.action.contacted-consulate': 'Contattato il consolato',
  'chase-travel-document.action.mediated-via-origin-ngo': 'Mediazione tramite la ONG del paese d’origine',
  'chase-travel-document.action.supplied-missing-police-document': 'Fornito il documento di polizia mancante',
  'chase-travel-document.action.asked-civil-registry': 'Chiesto all’anagrafe',
  'chase-travel-document.note': AR_NOTE,
  'assess-return-case': 'L’agenzia per i rimpatri valuta il caso',
  'assess-return-case.decision': 'Decisione',
  'assess-return-case.decision.accepted': 'Accettato',
  'assess-return-case.decision.refused': 'Rifiutato',
  'assess-return-case.programme': 'Programma',
  'assess-return-case.programme.reag': 'REAG (OIM)',
  'assess-return-case.programme.national-return-programme': 'Programma nazionale di rimpatrio',
  'assess-return-case.programme.other': AR_OTHER,
  'assess-return-case.assessedBy': 'Valutato tramite',
  'assess-return-case.assessedBy.file-review': 'Esame del fascicolo',
  'assess-return-case.assessedBy.phone-interview': 'Colloquio telefonico',
  'assess-return-case.assessedBy.in-person-interview': 'Colloquio di persona',
  'assess-return-case.arrivalSupport': 'Sostegno all’arrivo concordato con l’ufficio nel paese d’origine',
  'assess-return-case.refusalReason': 'Motivo del rifiuto',
  'assess-return-case.refusalReason.criteria-not-met': 'Requisiti non soddisfatti',
  'assess-return-case.refusalReason.no-funds': 'Mancano i fondi',
  'assess-return-case.refusalReason.other': AR_OTHER,
  'choose-return-route': 'L’agenzia per i rimpatri ha rifiutato: organizzare il rimpatrio tramite le ONG o fermarsi',
  'choose-return-route.route': 'Percorso',
  'choose-return-route.route.ngo-organised-return': 'Rimpatrio organizzato dalle ONG',
  'choose-return-route.route.stop-return': 'Fermare il rimpatrio',
  'choose-return-route.note': AR_NOTE,
  'book-travel': 'Prenotare e finanziare il viaggio',
  'book-travel-ngo': 'Prenotare e finanziare il viaggio (percorso tramite le ONG)',
  'arrange-reception': 'Organizzare l’accoglienza all’arrivo',
  'arrange-reception.pickUpPoint': 'Dove si va a prendere la persona',
  'arrange-reception.pickUpPoint.airport': 'Aeroporto',
  'arrange-reception.pickUpPoint.train-station': 'Stazione ferroviaria',
  'arrange-reception.pickUpPoint.bus-station': 'Stazione degli autobus',
  'arrange-reception.pickUpPoint.border-crossing': 'Valico di frontiera',
  'arrange-reception.receivingTeam': 'Chi accoglie la persona',
  'arrange-reception.placement': 'Sistemazione all’arrivo',
  'arrange-reception.familyPoliceProtection': 'Chiesta la protezione di polizia per la famiglia',
  'confirm-departure': 'Confermare la partenza accompagnata',
  'confirm-departure.departedOn': 'Partita il',
  'confirm-departure.documentsHandedOver': 'Documenti di viaggio consegnati',
  'confirm-departure.lawEnforcementInformed': 'Comunicati alla polizia i dati del viaggio, per la protezione',
  'confirm-departure.borderPoliceNotified': 'Polizia di frontiera avvisata (casi di minori)',
  'confirm-departure.borderPoliceNotified.notified': 'Avvisata',
  'confirm-departure.borderPoliceNotified.not-required': 'Non necessario',
  'confirm-safe-arrival': 'Confermare alla ONG del paese di destinazione che la persona è arrivata sana e salva',
  'confirm-safe-arrival.arrivedOn': 'Arrivata il',
  'confirm-safe-arrival.receivedBy': 'Accolta da',
  'confirm-safe-arrival.placedIn': 'Sistemata in',
  'follow-up-report': 'Relazione di monitoraggio alla ONG del paese di destinazione',
  'follow-up-report.contact': 'Contatto di questo mese',
  'follow-up-report.contact.in-person': 'Di persona',
  'follow-up-report.contact.phone': 'Per telefono',
  'follow-up-report.contact.home-visit': 'Visita a domicilio',
  'follow-up-report.contact.through-family': 'Tramite la famiglia',
  'follow-up-report.contact.no-contact': 'Nessun contatto',
  'follow-up-report.assistancePhase': 'Fase dell’assistenza',
  'follow-up-report.assistancePhase.residential': 'Residenziale',
  'follow-up-report.assistancePhase.non-residential': 'Non residenziale',
  'follow-up-report.assistancePhase.case-management': 'Gestione del caso',
  'follow-up-report.livingSituation': 'Dove vive la persona',
  'follow-up-report.livingSituation.unknown': 'Non noto',
  'follow-up-report.riskChange': 'Rischio rispetto all’ultima relazione',
  'follow-up-report.riskChange.unchanged': 'Invariato',
  'follow-up-report.riskChange.increased': 'Aumentato',
  'follow-up-report.riskChange.decreased': 'Diminuito',
  'follow-up-report.services':
    'Servizi di questo mese (codici: psychological psicologico, medical medico, legal legale, education istruzione, ' +
    'vocational formazione professionale, financial economico, family famiglia)',
  'follow-up-report.courtProceedingsPending': 'Procedimento giudiziario in corso nel paese di destinazione',
  'follow-up-report.recommendClosure': 'Si raccomanda di chiudere ora il monitoraggio',
  'follow-up-report.note': AR_NOTE,
  'close-monitoring': 'Valutazione finale del caso e chiusura',
  'close-monitoring.closureReason': 'Motivo della chiusura',
  'close-monitoring.closureReason.horizon-reached': 'Raggiunto il termine previsto',
  'close-monitoring.closureReason.reintegration-achieved': 'Reinserimento riuscito',
  'close-monitoring.closureReason.person-ended-assistance': 'La persona ha interrotto l’assistenza',
  'close-monitoring.closureReason.contact-lost': 'Contatto perso',
  'close-monitoring.closureReason.moved-away': 'Si è trasferita altrove',
  'close-monitoring.outcome': 'Esito',
  'close-monitoring.outcome.reintegrated': 'Reinserita',
  'close-monitoring.outcome.partially-reintegrated': 'Reinserita in parte',
  'close-monitoring.outcome.not-reintegrated': 'Non reinserita',
  'close-monitoring.finalReportSent': 'Relazione finale inviata alla ONG del paese di destinazione',
  // Event forms.
  'travel-document-issued.documentType': 'Documento',
  'travel-document-issued.validUntil': 'Valido fino al',
  'travel-document-issued.identityConfirmedBy': 'Identità confermata tramite',
  'travel-document-issued.identityConfirmedBy.existing-documents': 'Documenti già esistenti',
  'travel-document-issued.identityConfirmedBy.consular-interview': 'Colloquio al consolato',
  'travel-document-issued.identityConfirmedBy.origin-ngo-tracing': 'Ricerche della ONG del paese d’origine',
  'travel-document-issued.identityConfirmedBy.civil-registry': 'Anagrafe',
  'person-withdrew.reason': 'Motivo',
  'person-withdrew.reason.decided-to-stay': 'Ha deciso di restare',
  'person-withdrew.reason.changed-mind': 'Ha cambiato idea',
  'person-withdrew.reason.family-reasons': 'Motivi familiari',
  'person-withdrew.reason.fear-of-retaliation': 'Paura di ritorsioni',
  'person-withdrew.reason.other': AR_OTHER,
  'person-absconded.lastContactOn': 'Ultimo contatto il',
  'person-absconded.reportedToPolice': 'Segnalato alla polizia',
  'third-country-refused.reason': 'Motivo',
  'third-country-refused.reason.no-proof-of-residence': 'Nessuna prova della residenza',
  'third-country-refused.reason.no-identity-proof': 'Nessuna prova dell’identità',
  'third-country-refused.reason.other': AR_OTHER,
  'return-agency-refused.reason': 'Motivo',
  'return-agency-refused.reason.criteria-not-met': 'Requisiti non soddisfatti',
  'return-agency-refused.reason.origin-office-refused': 'L’ufficio nel paese d’origine ha rifiutato',
  'return-agency-refused.reason.no-funds': 'Mancano i fondi',
  'return-agency-refused.reason.other': AR_OTHER,
  'person-changed-mind.reason': 'Motivo',
  'person-changed-mind.reason.prefers-another-option': 'Preferisce un’altra possibilità',
  'person-changed-mind.reason.new-information': 'Nuove informazioni',
  'person-changed-mind.reason.family-reasons': 'Motivi familiari',
  'person-changed-mind.reason.other': AR_OTHER,
};

/** Departure, monitoring and event form labels of the assisted return, without the `assisted-return.` prefix. */
export const ASSISTED_RETURN_FORM_LABELS_IT: Record<string, string> = (() => {
  const out = { ...FIELDS };
  for (const step of ['book-travel', 'book-travel-ngo'])
    for (const [key, text] of Object.entries(BOOKING)) out[`${step}.${key}`] = text;
  for (const field of ['arrange-reception.receivingTeam', 'confirm-safe-arrival.receivedBy'])
    for (const [option, text] of Object.entries(RECEIVERS)) out[`${field}.${option}`] = text;
  for (const field of [
    'arrange-reception.placement',
    'confirm-safe-arrival.placedIn',
    'follow-up-report.livingSituation',
  ])
    for (const [option, text] of Object.entries(AR_PLACEMENTS)) out[`${field}.${option}`] = text;
  for (const field of ['request-travel-documents.documentNeeded', 'travel-document-issued.documentType'])
    for (const [option, text] of Object.entries(DOCUMENTS)) out[`${field}.${option}`] = text;
  return out;
})();
