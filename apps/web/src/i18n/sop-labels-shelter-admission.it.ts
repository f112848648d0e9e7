/** Italian labels of shelter admission and secure relocation (workflows/shelter-admission/shelter-admission.sop.ts). */
const S = 'shelter-admission';

const RISK = { high: 'Alto', medium: 'Medio', low: 'Basso' };

const FIELDS: Record<string, string> = {
  'intake.referralSource': 'Chi chiede il posto',
  'intake.referralSource.police': 'Polizia',
  'intake.referralSource.ngo': 'ONG',
  'intake.referralSource.hotline': 'Numero verde',
  'intake.referralSource.self': 'La persona stessa',
  'intake.referralSource.other': 'Altro',
  'intake.identificationStatus': 'Identificazione come vittima di tratta',
  'intake.identificationStatus.formally-identified': 'Identificata formalmente',
  'intake.identificationStatus.presumed': 'Presunta vittima',
  'intake.identificationStatus.pending': 'In attesa di decisione',
  'intake.identificationStatus.help':
    'Anche una presunta vittima viene accolta: senza posto in struttura durante l’attesa le persone restano in strada (L4108-L4109).',
  'intake.isMinor': 'La persona è minorenne o presunta tale',
  'intake.hostCountry': 'Paese in cui si trova la persona (ISO 3166-1 alpha-2)',
  'assess-risk': 'Valutare il rischio e i bisogni',
  'assess-risk.riskTier': 'Livello di rischio',
  'assess-risk.riskTier.high': RISK.high,
  'assess-risk.riskTier.medium': RISK.medium,
  'assess-risk.riskTier.low': RISK.low,
  'assess-risk.riskTier.help':
    'Rischio alto: struttura ad alta sicurezza; rischio basso o medio: centro di riabilitazione (L7080-L7082).',
  'assess-risk.farFromExploitationArea': 'Il posto deve essere lontano dalla zona di sfruttamento',
  'assess-risk.cannotShareLiving': 'Non può vivere con altre ospiti (serve una sistemazione speciale)',
  'assess-risk.medicalCare': 'Ha bisogno di cure mediche',
  'assess-risk.psychologicalSupport': 'Ha bisogno di sostegno psicologico',
  'assess-risk.assessedOn': 'Valutato il',
  'assess-risk.note': 'Nota sul rischio (senza nomi né luoghi)',
  'match-shelter': 'Chiedere un posto a una struttura',
  'match-shelter.shelterTier': 'Tipo di posto cercato',
  'match-shelter.shelterTier.high-security-shelter': 'Struttura ad alta sicurezza',
  'match-shelter.shelterTier.rehabilitation-shelter': 'Centro di riabilitazione',
  'match-shelter.shelterTier.special-placement': 'Sistemazione speciale',
  'match-shelter.area': 'Dove, rispetto alla zona di sfruttamento',
  'match-shelter.area.same-city': 'Stessa città',
  'match-shelter.area.other-city': 'Altra città',
  'match-shelter.area.other-region': 'Altra regione',
  'match-shelter.personConsentsToShare':
    'La persona accetta che la valutazione del rischio vada alla struttura indicata tra i partecipanti',
  'match-shelter.consentForm': 'Consenso dato',
  'match-shelter.consentForm.verbal': 'A voce',
  'match-shelter.consentForm.written': 'Per iscritto',
  'answer-place-request': 'Rispondere alla richiesta di posto',
  'answer-place-request.decision': 'Risposta alla richiesta',
  'answer-place-request.decision.accepted': 'Accettata',
  'answer-place-request.decision.declined': 'Rifiutata',
  'answer-place-request.declineReason': 'Perché la struttura rifiuta',
  'answer-place-request.declineReason.no-place': 'Nessun posto libero',
  'answer-place-request.declineReason.wrong-risk-tier': 'Livello di rischio non adatto',
  'answer-place-request.declineReason.needs-not-met': 'Bisogni a cui non può rispondere',
  'answer-place-request.declineReason.other': 'Altro',
  'answer-place-request.placesTotal': 'Posti della struttura',
  'answer-place-request.placesFree': 'Posti liberi oggi',
  'transfer-person': 'Trasferire la persona nella struttura',
  'transfer-person.transferredOn': 'Trasferita il',
  'transfer-person.escort': 'Accompagnamento',
  'transfer-person.escort.ngo-staff': 'Personale della ONG',
  'transfer-person.escort.shelter-staff': 'Personale della struttura',
  'transfer-person.escort.police-protection': 'Protezione di polizia',
  'transfer-person.escort.none': 'Nessuno',
  'transfer-person.farFromExploitationArea': 'Il posto è lontano dalla zona di sfruttamento',
  'admit-person': 'Accogliere la persona: regolamento, consenso, dove alloggia',
  'admit-person.houseRulesExplained': 'Regolamento spiegato in una lingua che la persona capisce',
  'admit-person.outcome': 'Accoglienza',
  'admit-person.outcome.admitted': 'Accolta',
  'admit-person.outcome.person-declined-rules': 'La persona non accetta il regolamento',
  'admit-person.admittedOn': 'Accolta il',
  'admit-person.locationCategory': 'Dove alloggia la persona (una categoria, mai l’indirizzo)',
  'admit-person.locationCategory.confidential-shelter': 'Struttura a indirizzo riservato',
  'admit-person.locationCategory.secret-flat': 'Appartamento segreto',
  'admit-person.locationCategory.high-security-shelter': 'Struttura ad alta sicurezza',
  'admit-person.locationCategory.special-placement': 'Sistemazione speciale',
  'admit-person.shareLocationWithNetwork':
    'La persona consente al coordinamento della rete di conoscere la categoria del luogo',
  'admit-person.consentForm': 'Consenso dato',
  'admit-person.consentForm.verbal': 'A voce',
  'admit-person.consentForm.written': 'Per iscritto',
  'assess-and-plan-stay': 'Valutazione psicologica e piano di permanenza',
  'assess-and-plan-stay.psychologistSessionHeld': 'La psicologa ha incontrato la persona',
  'assess-and-plan-stay.psychiatricReferral': 'Inviata a uno psichiatra',
  'assess-and-plan-stay.healthCheckOffered': 'Visita medica offerta (accompagnamento solo con consenso)',
  'assess-and-plan-stay.expectedStay': 'Durata prevista della permanenza',
  'assess-and-plan-stay.expectedStay.up-to-1-month': 'Fino a 1 mese',
  'assess-and-plan-stay.expectedStay.1-to-3-months': 'Da 1 a 3 mesi',
  'assess-and-plan-stay.expectedStay.3-to-6-months': 'Da 3 a 6 mesi',
  'assess-and-plan-stay.expectedStay.over-6-months': 'Oltre 6 mesi',
  'assess-and-plan-stay.note': 'Nota sul piano',
  'inform-rights': 'Informare la persona dei suoi diritti e del permesso di soggiorno',
  'inform-rights.rightsExplained': 'Diritti spiegati (a non essere espulsa, al permesso di soggiorno)',
  'inform-rights.residencePermit': 'Permesso di soggiorno',
  'inform-rights.residencePermit.applied': 'Richiesto',
  'inform-rights.residencePermit.already-held': 'Già posseduto',
  'inform-rights.residencePermit.not-wanted': 'Non voluto',
  'inform-rights.residencePermit.not-eligible': 'Non ne ha diritto',
  'inform-rights.permitValidUntil': 'Permesso valido fino al',
  'plan-exit': 'Pianificare l’uscita dalla struttura',
  'plan-exit.exitRoute': 'Percorso di uscita',
  'plan-exit.exitRoute.assisted-return': 'Rimpatrio assistito',
  'plan-exit.exitRoute.independent-living': 'Vita autonoma',
  'plan-exit.exitRoute.other-programme': 'Altro programma',
  'plan-exit.plannedExitDate': 'Data di uscita prevista',
  'plan-exit.returnCountry': 'Paese di ritorno (ISO 3166-1 alpha-2)',
  'plan-exit.agreedWithPerson': 'Concordato con la persona',
  'confirm-exit': 'Confermare come è terminata la permanenza',
  'confirm-exit.outcome': 'Come è terminata la permanenza',
  'confirm-exit.outcome.left-for-return': 'Partita per il rimpatrio',
  'confirm-exit.outcome.moved-to-independent-living': 'Passata alla vita autonoma',
  'confirm-exit.outcome.referred-to-other-programme': 'Inviata a un altro programma',
  'confirm-exit.outcome.left-without-notice': 'Andata via senza preavviso',
  'confirm-exit.exitedOn': 'Uscita il',
  'confirm-exit.finalEvaluationDone': 'Valutazione finale del caso fatta',
  'relocation-needed.reason': 'Perché la persona deve spostarsi',
  'relocation-needed.reason.risk-increased': 'Il rischio è aumentato',
  'relocation-needed.reason.location-compromised': 'Il luogo non è più segreto',
  'relocation-needed.reason.shelter-too-restrictive': 'La struttura è troppo restrittiva',
  'relocation-needed.reason.cannot-live-with-others': 'Non può vivere con le altre ospiti',
  'relocation-needed.reason.needs-not-met': 'Bisogni a cui la struttura non risponde',
  'relocation-needed.reason.other': 'Altro',
  'relocation-needed.riskTier': 'Livello di rischio ora',
  'relocation-needed.riskTier.high': RISK.high,
  'relocation-needed.riskTier.medium': RISK.medium,
  'relocation-needed.riskTier.low': RISK.low,
  'person-left-shelter.lastContactOn': 'Ultimo contatto il',
  'person-left-shelter.reason': 'Come',
  'person-left-shelter.reason.left-without-notice': 'Andata via senza preavviso',
  'person-left-shelter.reason.decided-to-leave': 'Ha deciso di andarsene',
  'person-left-shelter.reason.other': 'Altro',
};

const DESCRIPTIONS: Record<string, string> = {
  'assess-risk':
    'Il livello di rischio decide il tipo di struttura (C7: rischio alto in struttura ad alta sicurezza, L7080-L7082). ' +
    'La fonte non dice chi valuta: il coordinamento della rete (dedotto). Ogni trasferimento riparte da qui.',
  'match-shelter':
    'Il coordinamento indica tra i partecipanti la struttura a cui chiedere, poi registra se la persona accetta che ' +
    'riceva la valutazione del rischio. Una struttura che ha già rifiutato non viene richiesta di nuovo. Obiettivo di ' +
    'quattro ore dedotto dalla “risposta rapida all’invio dei casi”.',
  'answer-place-request':
    'La struttura accetta o rifiuta con un motivo e indica i suoi posti (“può accogliere fino a sei donne”, L5730). ' +
    'Un rifiuto fa chiedere alla struttura successiva. Obiettivo dedotto.',
  'transfer-person': 'In un luogo più sicuro, lontano dalla zona di sfruttamento; obiettivo di un giorno dedotto.',
  'admit-person':
    'Documenti di accoglienza come in PVPT (L7108-L7110). Il luogo è una categoria nel compartimento dell’identità; ' +
    'la persona dice se il coordinamento della rete può conoscerla. Obiettivo di un giorno dedotto.',
  'assess-and-plan-stay':
    'Una psicologa incontra ogni donna almeno una volta e ne segue un piano con la durata possibile della ' +
    'permanenza; invio allo psichiatra se serve. Obiettivo di sette giorni dedotto.',
  'inform-rights':
    'Diritto a non essere espulsa, permesso di soggiorno di sei mesi; obiettivo di sette giorni dedotto.',
  'plan-exit':
    'Rimpatrio con l’agenzia per i rimpatri, vita autonoma o altro programma. Obiettivo di 30 giorni dedotto (la ' +
    'fonte non indica la durata della permanenza).',
  'confirm-exit': 'Con la valutazione finale del caso (L7108-L7110); obiettivo di 30 giorni dedotto.',
};

export const SHELTER_ADMISSION_LABELS_IT: Record<string, string> = (() => {
  const out: Record<string, string> = {
    [`${S}.title`]: 'Accoglienza in struttura protetta e trasferimento sicuro',
    [`${S}.summary`]:
      'Il coordinamento di una rete di strutture valuta il rischio e chiede un posto lontano dalla zona di ' +
      'sfruttamento; una struttura senza posto rifiuta con un motivo e si chiede alla successiva. La struttura accoglie ' +
      'la persona con regolamento e consenso e tiene per sé dove alloggia (e per chi la persona consente); se la ' +
      'persona è in pericolo viene trasferita in un’altra struttura o città; la permanenza termina con un piano di uscita.',
    [`${S}.slot.network`]: 'Coordinamento della rete di strutture (responsabile del caso)',
    [`${S}.slot.shelter`]: 'Struttura a cui si chiede il posto, poi che accoglie la persona',
    [`${S}.event.relocation-needed`]: 'La persona deve essere trasferita in un’altra struttura o città',
    [`${S}.event.person-left-shelter`]: 'La persona ha lasciato la struttura',
    [`${S}.end.left-for-return`]: 'Partita per il rimpatrio',
    [`${S}.end.stayed-in-destination`]: 'Rimasta nel paese',
    [`${S}.end.referred-elsewhere`]: 'Inviata altrove',
    [`${S}.end.absconded`]: 'Andata via',
    [`${S}.end.no-place-found`]: 'Nessun posto trovato',
    [`${S}.end.consent-refused`]: 'Consenso negato',
    [`${S}.end.declined-placement`]: 'Sistemazione rifiutata',
    [`${S}.end.cancelled`]: 'Annullato',
  };
  for (const [key, text] of Object.entries(FIELDS)) out[`${S}.${key}`] = text;
  for (const [id, text] of Object.entries(DESCRIPTIONS)) out[`${S}.describe.${id}`] = text;
  return out;
})();
