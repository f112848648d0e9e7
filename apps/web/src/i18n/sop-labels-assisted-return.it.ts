/**
 * Italian labels of the assisted voluntary return (workflows/assisted-return/assisted-return.sop.ts): title, summary,
 * slots, events, end states, phases, descriptions, the intake and the decision and referral steps; the departure,
 * monitoring and event forms are in sop-labels-assisted-return-forms.it.ts.
 */
import {
  AR_NOTE,
  AR_OTHER,
  AR_PLACEMENTS,
  ASSISTED_RETURN_FORM_LABELS_IT,
} from './sop-labels-assisted-return-forms.it';

const S = 'assisted-return';

const LEVELS = { low: 'Basso', medium: 'Medio', high: 'Alto' };
const DECISION_REFERENCE = 'Riferimento della decisione';

const FIELDS: Record<string, string> = {
  'intake.isMinor': 'La persona è minorenne o presunta tale',
  'intake.isMinor.help': 'Chi si presume minorenne è trattato come minore (L7216-L7217).',
  'intake.plannedReturnDate': 'Data prevista del rimpatrio',
  'intake.dateOfBirth': 'Data di nascita (se nota)',
  'intake.dateOfBirth.help':
    'A 18 anni terminano i passi di tutela del minore (la scadenza della maggiore età); spesso non viene ' +
    'dichiarata (L7215).',
  'intake.returnCountry': 'Paese di ritorno (ISO 3166-1 alpha-2)',
  'intake.hostCountry': 'Paese in cui si trova ora la persona (ISO 3166-1 alpha-2)',
  'intake.ageBand': 'Fascia d’età',
  'intake.ageBand.0-13': '0–13 anni',
  'intake.ageBand.14-17': '14–17 anni',
  'intake.ageBand.18-24': '18–24 anni',
  'intake.ageBand.25-34': '25–34 anni',
  'intake.ageBand.35-49': '35–49 anni',
  'intake.ageBand.50-plus': '50 anni e oltre',
  'intake.gender': 'Genere',
  'intake.gender.female': 'Femminile',
  'intake.gender.male': 'Maschile',
  'intake.gender.transgender': 'Transgender',
  'intake.gender.undisclosed': 'Non dichiarato',
  'intake.nationality': 'Cittadinanza (ISO 3166-1 alpha-2)',
  'intake.referralSource': 'Chi ha inviato la persona',
  'intake.referralSource.police': 'Polizia',
  'intake.referralSource.ngo': 'ONG',
  'intake.referralSource.iom': 'OIM',
  'intake.referralSource.hotline': 'Numero verde',
  'intake.referralSource.self': 'La persona stessa',
  'intake.referralSource.labour-inspection': 'Ispettorato del lavoro',
  'intake.referralSource.other': AR_OTHER,
  'assess-return-options': 'Valutare con la persona le possibilità: rimpatrio, paese terzo o restare',
  'assess-return-options.option': 'Possibilità scelta dalla persona',
  'assess-return-options.option.return-to-origin': 'Tornare nel paese d’origine',
  'assess-return-options.option.return-to-third-country': 'Andare in un paese terzo',
  'assess-return-options.option.stay-in-destination': 'Restare nel paese di destinazione',
  'assess-return-options.informedOfOptionsAndRights': 'Informata delle possibilità di assistenza e dei suoi diritti',
  'assess-return-options.culturalMediatorInvolved': 'Ha partecipato un mediatore culturale',
  'assess-return-options.note': AR_NOTE,
  'record-consent': 'Registrare il consenso a condividere i dati per il rimpatrio',
  'record-consent.consentGiven': 'Consenso allo scambio di dati con chi organizza il rimpatrio',
  'record-consent.consentForm': 'Come è stata data la decisione',
  'record-consent.consentForm.verbal': 'A voce',
  'record-consent.consentForm.written': 'Per iscritto',
  'record-consent.shareStory': 'Ambito: storia di tratta',
  'record-consent.shareNeeds': 'Ambito: bisogni',
  'record-consent.shareRisks': 'Ambito: rischi',
  'record-consent.sharePickUpDetails':
    'Ambito: indicazioni per andare a prendere la persona, per la ONG del paese d’origine',
  'record-consent.withholdFromFamily': 'La forma di sfruttamento non va rivelata alla famiglia',
  'record-consent.withholdFromFamily.help': 'Solo se la persona lo chiede (L6244-L6245).',
  'record-consent.recordedOn': 'Data di registrazione',
  'record-best-interest-decision':
    'Registrare la decisione nell’interesse superiore del minore, presa dall’autorità responsabile, se il minore ' +
    'ha negato il consenso',
  'record-best-interest-decision.decidingAuthority': 'Autorità responsabile del minore',
  'record-best-interest-decision.decidingAuthority.youth-welfare-service': 'Servizio per la tutela dei minori',
  'record-best-interest-decision.decidingAuthority.guardian': 'Tutore',
  'record-best-interest-decision.decidingAuthority.juvenile-court': 'Tribunale per i minorenni',
  'record-best-interest-decision.decision': 'Decisione',
  'record-best-interest-decision.decision.proceed-in-best-interest': 'Procedere nell’interesse superiore del minore',
  'record-best-interest-decision.decision.stop': 'Fermarsi',
  'record-best-interest-decision.decisionReference': DECISION_REFERENCE,
  'record-best-interest-decision.note': AR_NOTE,
  'approve-child-stay': 'Registrare l’approvazione dell’autorità responsabile di un minore che ha scelto di restare',
  'approve-child-stay.decidingAuthority': 'Autorità responsabile del minore',
  'approve-child-stay.decidingAuthority.youth-welfare-service': 'Servizio per la tutela dei minori',
  'approve-child-stay.decidingAuthority.guardian': 'Tutore',
  'approve-child-stay.decidingAuthority.juvenile-court': 'Tribunale per i minorenni',
  'approve-child-stay.decision': 'Decisione',
  'approve-child-stay.decision.approve-stay': 'Approvare la permanenza',
  'approve-child-stay.decision.reconsider-options': 'Riesaminare le opzioni',
  'approve-child-stay.decision.help': 'Il riesame riporta il caso alle opzioni, con il minore.',
  'approve-child-stay.decisionReference': DECISION_REFERENCE,
  'approve-child-stay.note': AR_NOTE,
  'refer-to-origin': 'Inviare il caso alla ONG del paese d’origine',
  'refer-to-origin.channel': 'Canale',
  'refer-to-origin.channel.email': 'E-mail',
  'refer-to-origin.channel.phone': 'Telefono',
  'refer-to-origin.channel.secure-platform': 'Piattaforma sicura',
  'refer-to-origin.channel.official-letter': 'Lettera ufficiale',
  'refer-to-origin.dataFormat': 'Formato dei dati del caso',
  'refer-to-origin.dataFormat.iom-case-data': 'Scheda dati del caso dell’OIM',
  'refer-to-origin.dataFormat.own-case-file': 'Fascicolo proprio',
  'refer-to-origin.personReferredBy': 'Come è indicata la persona nell’invio',
  'refer-to-origin.personReferredBy.case-code': 'Codice del caso',
  'refer-to-origin.personReferredBy.initials': 'Iniziali',
  'refer-to-origin.singleContactPerson': 'Indicato un solo referente per ogni ente',
  'refer-to-origin.note': AR_NOTE,
  'replan-return-date': 'Invio tardivo: ripianificare o confermare la data del rimpatrio',
  'replan-return-date.decision': 'Decisione',
  'replan-return-date.decision.replan': 'Ripianificare',
  'replan-return-date.decision.confirm-date': 'Confermare la data',
  'replan-return-date.newPlannedReturnDate': 'Nuova data prevista del rimpatrio (se si ripianifica)',
  'replan-return-date.reason': 'Motivo (senza nomi)',
  'origin-social-enquiry': 'Chiedere l’indagine sociale e la valutazione della famiglia; tradurle e trasmetterle',
  'origin-social-enquiry.enquiryRequestedVia': 'Indagine chiesta tramite',
  'origin-social-enquiry.enquiryRequestedVia.national-anti-trafficking-agency': 'Agenzia nazionale anti-tratta',
  'origin-social-enquiry.enquiryRequestedVia.social-assistance-department': 'Servizio di assistenza sociale',
  'origin-social-enquiry.enquiryRequestedVia.child-protection-directorate': 'Direzione per la tutela dei minori',
  'origin-social-enquiry.familyTracing': 'Ricerca della famiglia',
  'origin-social-enquiry.familyTracing.traced-and-contacted': 'Trovata e contattata',
  'origin-social-enquiry.familyTracing.traced-not-contacted': 'Trovata, non contattata',
  'origin-social-enquiry.familyTracing.not-traced': 'Non trovata',
  'origin-social-enquiry.familySituation': 'Situazione familiare',
  'origin-social-enquiry.familySituation.supportive': 'La famiglia sostiene la persona',
  'origin-social-enquiry.familySituation.supportive-insufficient-resources':
    'La famiglia sostiene la persona, ma ha risorse insufficienti',
  'origin-social-enquiry.familySituation.unsupportive': 'La famiglia non sostiene la persona',
  'origin-social-enquiry.familySituation.threatened-by-network': 'La famiglia è minacciata dalla rete di trafficanti',
  'origin-social-enquiry.familySituation.unknown': 'Non nota',
  'origin-social-enquiry.translatedAndForwarded': 'Indagine tradotta e inviata alla ONG del paese di destinazione',
  'origin-social-enquiry.note': AR_NOTE,
  'assess-return-risk': 'Valutazione del rischio e dei bisogni prima del rimpatrio',
  'assess-return-risk.physicalHealth': 'Salute fisica',
  'assess-return-risk.physicalHealth.no-concern': 'Nessun problema',
  'assess-return-risk.physicalHealth.some-concern': 'Qualche problema',
  'assess-return-risk.physicalHealth.serious-concern': 'Problemi seri',
  'assess-return-risk.emotionalState': 'Stato emotivo',
  'assess-return-risk.emotionalState.stable': 'Stabile',
  'assess-return-risk.emotionalState.fragile': 'Fragile',
  'assess-return-risk.emotionalState.crisis': 'In crisi',
  'assess-return-risk.riskFromFamily': 'Rischio da parte della famiglia',
  'assess-return-risk.riskFromNetwork': 'Rischio da parte della rete di trafficanti',
  'assess-return-risk.riskBehaviours': 'Comportamenti a rischio (uso di droghe, tentativi di suicidio, autolesionismo)',
  'assess-return-risk.riskBehaviours.none': 'Nessuno',
  'assess-return-risk.riskBehaviours.past': 'In passato',
  'assess-return-risk.riskBehaviours.current': 'Attuali',
  'assess-return-risk.overallRisk': 'Rischio complessivo',
  'assess-return-risk.familyReturnSafe': 'Il ritorno in famiglia è sicuro',
  'assess-return-risk.returnAdvisable': 'Il rimpatrio può procedere',
  'assess-return-risk.assessedOn': 'Valutato il',
  'draft-reintegration-plan':
    'Redigere il piano individuale di reinserimento con la persona e la ONG del paese di destinazione',
  'draft-reintegration-plan.agreedWithPerson': 'La persona ha accettato il piano',
  'draft-reintegration-plan.destinationInputsReceived': 'Inclusi i contributi della ONG del paese di destinazione',
  'draft-reintegration-plan.placementOnArrival': 'Sistemazione all’arrivo',
  'draft-reintegration-plan.residentialWeeks': 'Fase residenziale (settimane)',
  'draft-reintegration-plan.counsellingPerWeek': 'Colloqui di sostegno a settimana, dopo la fase residenziale',
  'draft-reintegration-plan.vocationalSupport': 'Orientamento professionale e ricerca di lavoro',
  'draft-reintegration-plan.familyMediation': 'Mediazione familiare',
  'draft-reintegration-plan.monitoringMonths': 'Durata del monitoraggio (mesi)',
  'draft-reintegration-plan.monitoringMonths.help':
    'Il programma può durare fino a 3 anni (L5257); una relazione di monitoraggio al mese (L5198).',
  'assess-child-family': 'Indagine sociale sulla famiglia per la tutela del minore',
  'assess-child-family.familyInvestigated': 'Situazione familiare indagata',
  'assess-child-family.familyCanReceiveChild': 'La famiglia può accogliere il minore',
  'assess-child-family.familyCanReceiveChild.yes': 'Sì',
  'assess-child-family.familyCanReceiveChild.not-yet': 'Non ancora',
  'assess-child-family.familyCanReceiveChild.no': 'No',
  'assess-child-family.recommendedPlacement': 'Sistemazione raccomandata',
  'assess-child-family.recommendedPlacement.family': 'In famiglia',
  'assess-child-family.recommendedPlacement.ngo-youth-flat': 'Appartamento per giovani della ONG',
  'assess-child-family.recommendedPlacement.residential-care': 'Comunità residenziale',
  'assess-child-family.recommendedPlacement.foster-care': 'Affidamento familiare',
  'assess-child-family.custody': 'Responsabilità genitoriale',
  'assess-child-family.custody.parents-hold-custody': 'Ai genitori',
  'assess-child-family.custody.custody-suspended': 'Sospesa',
  'assess-child-family.custody.guardian-appointed': 'Nominato un tutore',
  'assess-child-family.note': AR_NOTE,
  'approve-child-return': 'L’autorità responsabile approva o rifiuta il rimpatrio del minore',
  'approve-child-return.decision': 'Decisione',
  'approve-child-return.decision.approved': 'Approvato',
  'approve-child-return.decision.refused': 'Rifiutato',
  'approve-child-return.legalBasis': 'Base giuridica (es. GD 1443/2004)',
  'approve-child-return.decisionReference': DECISION_REFERENCE,
  'approve-child-return.childAgreesToPlacement': 'Il minore ha accettato la sistemazione',
};
for (const field of ['riskFromFamily', 'riskFromNetwork'])
  for (const [option, text] of Object.entries({ none: 'Nessuno', ...LEVELS }))
    FIELDS[`assess-return-risk.${field}.${option}`] = text;
for (const [option, text] of Object.entries(LEVELS)) FIELDS[`assess-return-risk.overallRisk.${option}`] = text;
for (const [option, text] of Object.entries(AR_PLACEMENTS))
  FIELDS[`draft-reintegration-plan.placementOnArrival.${option}`] = text;

const DESCRIPTIONS: Record<string, string> = {
  'approve-child-stay':
    'Una decisione che cambia dove vive un minore attende il tutore o il servizio per la tutela dei minori ' +
    '(L7216-L7217, L7223-L7225). Che la permanenza richieda la stessa approvazione del rimpatrio è dedotto, come ' +
    'l’obiettivo.',
  'assess-return-options':
    'Il rimpatrio è volontario e informato (L3753-L3754); si valuta anche la possibilità di restare nel paese di ' +
    'destinazione.',
  'record-consent':
    'Nessun dato per l’invio esce dalla ONG del paese di destinazione prima che questo passo registri il consenso.',
  'refer-to-origin':
    'Almeno un mese prima del rimpatrio previsto (L6269); altrimenti il coordinatore ripianifica o conferma la data.',
  'replan-return-date':
    'Si apre quando l’invio è partito meno di 30 giorni prima del rimpatrio previsto. Passaggio al coordinatore ' +
    'dedotto.',
  'assess-return-risk':
    'Le voci del modulo di valutazione del rischio (L6266-L6267). Nessun viaggio si prenota prima che sia completata.',
  'chase-travel-document':
    'Si apre quando nessun documento è stato segnalato 14 giorni dopo la richiesta (il periodo è dedotto).',
  'book-travel':
    'Si apre solo dopo la valutazione del rischio, il piano di reinserimento, i documenti e (per un minore) ' +
    'l’approvazione.',
  'follow-up-report':
    'Una prima relazione all’arrivo, poi una al mese fino al termine previsto dal piano (al massimo 3 anni, L5257).',
};

export const ASSISTED_RETURN_LABELS_IT: Record<string, string> = (() => {
  const out: Record<string, string> = {
    [`${S}.title`]: 'Rimpatrio volontario assistito',
    [`${S}.summary`]:
      'Una ONG del paese di destinazione e una del paese d’origine preparano un rimpatrio volontario, informato e ' +
      'sicuro: consenso prima che esca qualsiasi dato, invio almeno un mese prima, valutazione del rischio e piano ' +
      'di reinserimento prima di prenotare il viaggio, l’autorità per la tutela dei minori del paese d’origine per un ' +
      'minore, conferma dell’arrivo sano e salvo, poi relazioni mensili di monitoraggio fino a tre anni.',
    [`${S}.slot.destination-ngo`]: 'ONG del paese di destinazione (responsabile del caso)',
    [`${S}.slot.origin-ngo`]: 'ONG del paese d’origine (che accoglie la persona)',
    [`${S}.slot.consulate`]: 'Consolato del paese di ritorno',
    [`${S}.slot.return-agency`]: 'Agenzia per i rimpatri (OIM o nazionale)',
    [`${S}.slot.child-authority`]: 'Autorità per la tutela dei minori del paese d’origine (casi di minori)',
    [`${S}.event.travel-document-issued`]: 'Il consolato ha rilasciato il documento di viaggio',
    [`${S}.event.person-withdrew`]: 'La persona ha rinunciato al rimpatrio',
    [`${S}.event.person-absconded`]: 'La persona si è allontanata',
    [`${S}.event.third-country-refused`]: 'Il paese terzo ha rifiutato di accogliere la persona',
    [`${S}.event.return-agency-refused`]: 'L’agenzia per i rimpatri ha ritirato il suo sostegno',
    [`${S}.event.person-changed-mind`]: 'La persona ha cambiato idea: le possibilità si valutano di nuovo',
    [`${S}.end.closed-after-monitoring`]: 'Chiuso dopo il monitoraggio',
    [`${S}.end.stayed-in-destination`]: 'Rimasta nel paese',
    [`${S}.end.consent-refused`]: 'Consenso negato',
    [`${S}.end.child-return-not-approved`]: 'Rimpatrio del minore non approvato',
    [`${S}.end.withdrawn`]: 'Rinuncia della persona',
    [`${S}.end.absconded`]: 'Andata via',
    [`${S}.end.third-country-refused`]: 'Rifiuto del paese terzo',
    [`${S}.end.return-agency-refused`]: 'Rifiuto dell’agenzia per i rimpatri',
    [`${S}.end.cancelled`]: 'Annullato',
    'phase.decision-and-consent': 'decisione e consenso',
    'phase.referral': 'invio',
    'phase.origin-assessment': 'valutazione nel paese d’origine',
    'phase.child-protection': 'tutela del minore',
    'phase.pre-departure': 'prima della partenza',
    'phase.documents': 'documenti',
    'phase.return-logistics': 'organizzazione del viaggio',
    'phase.departure-and-arrival': 'partenza e arrivo',
    'phase.monitoring': 'monitoraggio',
  };
  for (const [key, text] of Object.entries({ ...FIELDS, ...ASSISTED_RETURN_FORM_LABELS_IT })) out[`${S}.${key}`] = text;
  for (const [id, text] of Object.entries(DESCRIPTIONS)) out[`${S}.describe.${id}`] = text;
  return out;
})();
