/** Italian labels of the hotline crisis intake (workflows/hotline-intake/hotline-intake.sop.ts). */
const S = 'hotline-intake';

const CONSENT = {
  givenBy: 'Consenso dato da',
  'givenBy.person': 'La persona',
  'givenBy.guardian': 'Il tutore',
  'givenBy.help': 'Per un minore, il tutore; chi chiama, se non è la persona, non può acconsentire al suo posto.',
  consentForm: 'Forma del consenso',
  'consentForm.verbal': 'A voce',
  'consentForm.written': 'Per iscritto',
};
const NOTE = 'Nota (senza nomi, numeri o luoghi)';

const FIELDS: Record<string, string> = {
  'intake.callerCode': 'Codice di chi chiama',
  'intake.callerCategory': 'Chi chiama',
  'intake.callerCategory.the-person': 'La persona stessa',
  'intake.callerCategory.relative': 'Un familiare',
  'intake.callerCategory.friend': 'Un amico o un’amica',
  'intake.callerCategory.professional': 'Un operatore o un professionista',
  'intake.callerCategory.anonymous': 'Anonimo',
  'intake.personCode': 'Codice della persona in pericolo',
  'intake.contactChannel': 'Canale',
  'intake.contactChannel.phone': 'Telefono',
  'intake.contactChannel.text-message': 'SMS',
  'intake.contactChannel.online-chat': 'Chat online',
  'intake.contactChannel.e-mail': 'E-mail',
  'intake.personCountry': 'Paese in cui si trova la persona, se noto',
  'intake.personCountry.help':
    'La persona può essere all’estero: nel caso C4 il padre chiamava dalla Serbia per la figlia in Italia (L6602).',
  'intake.exploitation': 'Situazione riferita',
  'intake.exploitation.sexual': 'Sfruttamento sessuale',
  'intake.exploitation.labour': 'Sfruttamento lavorativo',
  'intake.exploitation.begging': 'Accattonaggio forzato',
  'intake.exploitation.forced-marriage': 'Matrimonio forzato',
  'intake.exploitation.criminal-activities': 'Attività illegali forzate',
  'intake.exploitation.unclear': 'Non chiara',
  'intake.isMinor': 'La persona è o potrebbe essere minorenne',
  'intake.language': 'Lingua della chiamata (codice, es. sr)',
  'risk-check': 'Verificare il rischio immediato',
  'risk-check.immediateDanger': 'La persona è in pericolo immediato',
  'risk-check.immediateDanger.help':
    'Sì apre la richiesta di consenso: polizia o soccorso medico solo se la persona è d’accordo.',
  'risk-check.dangerKind': 'Tipo di pericolo',
  'risk-check.dangerKind.none': 'Nessuno',
  'risk-check.dangerKind.violence': 'Violenza',
  'risk-check.dangerKind.held-against-will': 'Trattenuta contro la sua volontà',
  'risk-check.dangerKind.medical': 'Emergenza medica',
  'risk-check.dangerKind.threats': 'Minacce',
  'risk-check.dangerKind.other': 'Altro',
  'risk-check.personReachable': 'La persona è raggiungibile direttamente (in linea o al telefono)',
  'risk-check.personReachable.help':
    'Nel caso C4 la persona è stata raggiunta solo dopo che la ONG partner l’aveva trovata (L6603).',
  'risk-check.whereaboutsKnown': 'Cosa si sa di dove si trova',
  'risk-check.whereaboutsKnown.exact': 'Il luogo esatto',
  'risk-check.whereaboutsKnown.town': 'La città',
  'risk-check.whereaboutsKnown.country-only': 'Solo il paese',
  'risk-check.whereaboutsKnown.unknown': 'Niente',
  'risk-check.note': NOTE,
  'emergency-consent': 'Chiedere alla persona quale aiuto d’emergenza accetta',
  'emergency-consent.agreesToPolice': 'La persona accetta che si chiami la polizia',
  'emergency-consent.agreesToMedical': 'La persona accetta che si chiami il soccorso medico',
  'emergency-consent.note': NOTE,
  'alert-police': 'Avvisare il pronto intervento della polizia',
  'alert-police.alerted': 'La polizia è stata avvisata',
  'alert-police.responseConfirmed': 'La polizia ha confermato l’intervento',
  'alert-police.referenceCode': 'Codice di riferimento della polizia',
  'alert-medical': 'Avvisare il soccorso medico',
  'alert-medical.alerted': 'Il soccorso medico è stato avvisato',
  'alert-medical.responseConfirmed': 'Il soccorso medico ha confermato l’intervento',
  'locate-and-assist': 'Trovare la persona e portarla in un luogo sicuro',
  'locate-and-assist.outcome': 'Esito',
  'locate-and-assist.outcome.found-and-safe': 'Trovata e al sicuro',
  'locate-and-assist.outcome.found-declined-help': 'Trovata, non vuole aiuto',
  'locate-and-assist.outcome.not-found': 'Non trovata',
  'locate-and-assist.safePlace': 'Luogo sicuro',
  'locate-and-assist.safePlace.shelter': 'Struttura di accoglienza',
  'locate-and-assist.safePlace.ngo-accommodation': 'Alloggio della ONG',
  'locate-and-assist.safePlace.hospital': 'Ospedale',
  'locate-and-assist.safePlace.own-arrangement': 'Sistemazione propria',
  'locate-and-assist.reachedOn': 'Raggiunta il',
  'locate-and-assist.personAgreesToReferral':
    'La persona accetta di essere inviata a un servizio di assistenza, con solo ciò che serve all’invio',
  'locate-and-assist.note': NOTE,
  'refer-on': 'Inviare la persona a un servizio di assistenza',
  'refer-on.referral': 'Invio',
  'refer-on.referral.shelter-admission': 'Accoglienza in struttura protetta',
  'refer-on.referral.other-service': 'Altro servizio',
  'refer-on.referral.none': 'Nessuno',
  'refer-on.referral.help': 'L’accoglienza in struttura apre un caso collegato con solo i campi qui sotto.',
  'refer-on.placeRequestedBy': 'Chi chiede il posto',
  'refer-on.placeRequestedBy.hotline': 'Il numero verde',
  'refer-on.placeRequestedBy.ngo': 'La ONG',
  'refer-on.placeRequestedBy.self': 'La persona stessa',
  'refer-on.identificationStatus': 'Identificazione come vittima di tratta',
  'refer-on.identificationStatus.formally-identified': 'Identificata formalmente',
  'refer-on.identificationStatus.presumed': 'Presunta vittima',
  'refer-on.identificationStatus.pending': 'In attesa di decisione',
  'refer-on.note': NOTE,
  'close-contact': 'Chiudere la chiamata: dire a chi ha chiamato ciò che la persona consente',
  'close-contact.callerInformed': 'Chi ha chiamato è stato informato (solo di ciò che la persona consente)',
  'close-contact.followUpCallAgreed': 'Concordata una chiamata di verifica',
  'close-contact.note': NOTE,
  'contact-lost.lastContact': 'Ultimo contatto',
  'contact-lost.lastContact.call-dropped': 'La chiamata si è interrotta',
  'contact-lost.lastContact.no-answer': 'Nessuna risposta',
  'contact-lost.lastContact.number-unavailable': 'Numero non raggiungibile',
  'contact-lost.lastContact.caller-stopped': 'Chi chiamava ha smesso di rispondere',
  'contact-lost.attempts': 'Tentativi di ricontatto',
  'contact-lost.note': NOTE,
  'person-declines-help.reason': 'Motivo',
  'person-declines-help.reason.does-not-want-help': 'Non vuole aiuto',
  'person-declines-help.reason.fear-of-reprisals': 'Paura di ritorsioni',
  'person-declines-help.reason.handled-by-family': 'Se ne occupa la famiglia',
  'person-declines-help.reason.other': 'Altro',
  'person-declines-help.note': NOTE,
};
for (const form of ['emergency-consent', 'locate-and-assist'])
  for (const [key, text] of Object.entries(CONSENT)) FIELDS[`${form}.${key}`] = text;

const DESCRIPTIONS: Record<string, string> = {
  'risk-check':
    'I numeri verdi accelerano l’identificazione e l’intervento di crisi (L1997, L2011). Chi chiama può sapere poco ' +
    'di dove si trova la persona (L6605-L6607). Obiettivo di cinque minuti dedotto: la fonte non dà minuti.',
  'emergency-consent':
    'Solo se la persona è in pericolo immediato e raggiungibile. L’aiuto non dipende dalla collaborazione con la ' +
    'polizia (L3575-L3576); che decida la persona (o il tutore di un minore), non chi chiama, è dedotto.',
  'alert-police':
    'Solo se la persona ha accettato la polizia; nel caso C4 la polizia ha lavorato in parallelo alle ONG ' +
    '(L6632-L6633). Obiettivo di 15 minuti dedotto.',
  'alert-medical':
    'Solo se la persona ha accettato il soccorso medico; ASTRA collabora con una clinica (L5339-L5340). Obiettivo ' +
    'di 15 minuti dedotto.',
  'locate-and-assist':
    'L’unità di strada della ONG del luogo ha trovato la persona e l’ha portata in un luogo sicuro “entro 24 ore” ' +
    '(L6568, L6625-L6626). Procede accanto all’aiuto d’emergenza, mai dopo. Qui si chiede il consenso all’invio.',
  'refer-on':
    'Solo se la persona ha acconsentito. Il numero verde di Ac.Sé invia le vittime alle sue strutture (L3899-L3900). ' +
    'L’accoglienza in struttura apre un caso collegato. Obiettivo di un’ora dedotto.',
  'close-contact':
    'ASTRA faceva da tramite tra la donna e la famiglia (L6568-L6569); chi ha chiamato sa solo ciò che la persona ' +
    'consente (L6605-L6607). Obiettivo dedotto.',
};

export const HOTLINE_INTAKE_LABELS_IT: Record<string, string> = (() => {
  const out: Record<string, string> = {
    [`${S}.title`]: 'Prima accoglienza telefonica di crisi',
    [`${S}.summary`]:
      'Una chiamata arriva al numero verde, spesso da un familiare e senza nomi; l’operatrice verifica subito il ' +
      'rischio e, se la persona è in pericolo e d’accordo, chiama la polizia o il soccorso medico, mentre la ONG del ' +
      'luogo trova e assiste la persona (senza mai aspettare la polizia); chi acconsente è inviato a un’accoglienza in ' +
      'struttura come caso collegato; la chiamata si chiude dicendo a chi ha chiamato solo ciò che la persona consente.',
    [`${S}.slot.hotline`]: 'Numero verde (linea di crisi della ONG)',
    [`${S}.slot.partner-ngo`]: 'ONG del luogo in cui si trova la persona (unità di strada)',
    [`${S}.event.contact-lost`]: 'Contatto perso con chi chiama e con la persona',
    [`${S}.event.person-declines-help`]: 'La persona non vuole aiuto',
    [`${S}.end.referred-for-assistance`]: 'Inviata all’assistenza',
    [`${S}.end.assisted`]: 'Messa al sicuro',
    [`${S}.end.declined-help`]: 'Aiuto rifiutato',
    [`${S}.end.not-located`]: 'Non trovata',
    [`${S}.end.contact-lost`]: 'Contatto perso',
    [`${S}.end.cancelled`]: 'Annullato',
    'phase.crisis': 'crisi',
    'phase.assistance': 'assistenza',
  };
  for (const [key, text] of Object.entries(FIELDS)) out[`${S}.${key}`] = text;
  for (const [id, text] of Object.entries(DESCRIPTIONS)) out[`${S}.describe.${id}`] = text;
  return out;
})();
