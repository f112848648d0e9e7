/** Italian labels of the police–NGO joint operation (workflows/joint-operation/joint-operation.sop.ts). */
const S = 'joint-operation';

const NOTE = 'Nota (senza nomi)';
const RISK = { low: 'Basso', medium: 'Medio', high: 'Alto' };
const HEARING_DATE = 'Data dell’udienza';

const FIELDS: Record<string, string> = {
  'intake.operationCode': 'Codice di riferimento dell’operazione (della polizia)',
  'intake.operationCode.help': 'Un riferimento come OP-2024-017; mai un nome o un indirizzo.',
  'intake.exploitationType': 'Forma di sfruttamento presunta',
  'intake.exploitationType.sexual': 'Sfruttamento sessuale',
  'intake.exploitationType.labour': 'Sfruttamento lavorativo',
  'intake.exploitationType.domestic-servitude': 'Servitù domestica',
  'intake.exploitationType.forced-begging': 'Accattonaggio forzato',
  'intake.exploitationType.forced-criminality': 'Attività illegali forzate',
  'intake.exploitationType.other': 'Altro',
  'intake.plannedDate': 'Data prevista dell’operazione',
  'intake.expectedPersons': 'Presunte vittime attese',
  'intake.requestNote': 'Cosa chiede la polizia alla ONG (senza nomi)',
  'accept-request': 'La ONG risponde alla richiesta di operazione congiunta',
  'accept-request.decision': 'La ONG partecipa all’operazione?',
  'accept-request.decision.accepted': 'Sì, partecipa',
  'accept-request.decision.declined': 'No, rifiuta',
  'accept-request.contactPointCode': 'Codice del referente della ONG per questa operazione',
  'accept-request.contactPointCode.help':
    'Un solo referente per ogni ente partner (C11, L7651); un codice del personale, non un nome.',
  'accept-request.declineReason': 'Perché la ONG rifiuta',
  'accept-request.declineReason.no-capacity': 'Non ha personale o posti disponibili',
  'accept-request.declineReason.outside-mandate': 'Non rientra nel suo mandato',
  'accept-request.declineReason.other': 'Altro',
  'accept-request.note': 'Nota per la polizia',
  'plan-operation': 'La polizia pianifica l’intervento',
  'plan-operation.deploymentDate': 'Data dell’intervento',
  'plan-operation.officersDeployed': 'Agenti impiegati',
  'plan-operation.sitesCount': 'Luoghi in cui entrare',
  'plan-operation.expectedPersons': 'Presunte vittime attese',
  'plan-operation.languagesExpected': 'Lingue previste (codici ISO 639)',
  'plan-operation.communicationChannelAgreed': 'Concordato con la ONG un canale di comunicazione per la giornata',
  'plan-operation.communicationChannelAgreed.help':
    '“Un canale di comunicazione chiaro che garantisca uno scambio di informazioni fluido” (L5583).',
  'plan-operation.note': 'Nota di pianificazione (senza nomi né indirizzi)',
  'plan-logistics': 'La ONG pianifica la logistica dell’assistenza',
  'plan-logistics.accommodationPlaces': 'Posti di accoglienza riservati',
  'plan-logistics.interpretersBooked': 'Interpreti prenotati',
  'plan-logistics.interpreterLanguages': 'Lingue degli interpreti prenotati (codici ISO 639)',
  'plan-logistics.referralRoutes': 'Percorsi di invio confermati',
  'plan-logistics.referralRoutes.help':
    'Codici di servizio come shelter (struttura), health (sanità), legal-counselling (consulenza legale), ' +
    'return-programme (programma di rimpatrio).',
  'plan-logistics.partners': 'Enti partner coinvolti (codici degli enti)',
  'plan-logistics.partners.help':
    '“Individuazione dei partner da coinvolgere nel meccanismo di coordinamento” (L5584).',
  'plan-logistics.ngoProfessionalsOnSite': 'Operatori della ONG sul posto',
  'plan-logistics.note': 'Nota sulla logistica (senza nomi, mai l’indirizzo di una struttura)',
  'deploy-operation': 'La polizia interviene e registra le persone identificate',
  'deploy-operation.deployedOn': 'Data in cui si è svolto l’intervento',
  'deploy-operation.personsIdentified': 'Presunte vittime individuate o identificate',
  'deploy-operation.personsIdentified.help':
    'Il sistema dà a ogni persona un codice P1…Pn; la corrispondenza tra codice e identità resta solo negli atti ' +
    'della polizia.',
  'deploy-operation.ngoPresent': 'Gli operatori della ONG erano presenti all’identificazione',
  'deploy-operation.note': 'Nota sull’intervento (senza nomi)',
  'deploy-operation.intelligenceNote': 'Informazioni operative: veicoli, luoghi, sospettati (solo polizia, senza nomi)',
  'check-and-adjust': 'Verificare e correggere dopo un’operazione che non ha identificato nessuno',
  'check-and-adjust.decision': 'Dopo la verifica',
  'check-and-adjust.decision.redeploy': 'Ripetere l’intervento',
  'check-and-adjust.decision.close': 'Chiudere l’operazione',
  'check-and-adjust.findings': 'Cosa è stato verificato e cosa si è imparato',
  'check-and-adjust.adjustments': 'Correzioni al piano',
  'rights-information': 'La ONG informa la persona dei suoi diritti',
  'rights-information.informedAt': 'Quando la persona è stata informata',
  'rights-information.language': 'Lingua usata (codice ISO 639)',
  'rights-information.interpreterUsed': 'È intervenuto un interprete',
  'rights-information.topicsCovered': 'Argomenti trattati',
  'rights-information.topicsCovered.help':
    'Codici: rights (diritti), protection (protezione), assistance (assistenza), future-options (scelte per il ' +
    'futuro), reflection (periodo di riflessione), legal-counselling (consulenza legale) (L5579).',
  'rights-information.understood': 'La persona ha confermato di aver capito',
  'rights-information.note': NOTE,
  'assistance-decision': 'Registrare la decisione della persona sull’assistenza',
  'assistance-decision.assistance': 'Decisione della persona sull’assistenza',
  'assistance-decision.assistance.accepts': 'Accetta',
  'assistance-decision.assistance.declines': 'Rifiuta',
  'assistance-decision.cooperationWithPolice':
    'Disponibile a collaborare con la polizia (non cambia nulla per l’assistenza)',
  'assistance-decision.cooperationWithPolice.willing': 'Disponibile',
  'assistance-decision.cooperationWithPolice.not-willing': 'Non disponibile',
  'assistance-decision.cooperationWithPolice.undecided': 'Non ha ancora deciso',
  'assistance-decision.cooperationWithPolice.help':
    'Solo registrato: l’assistenza non ne dipende mai (L3575-L3576, L3751-L3752).',
  'assistance-decision.consentRecorded': 'Consenso informato registrato',
  'assistance-decision.note': NOTE,
  'arrange-assistance': 'La ONG organizza l’assistenza',
  'arrange-assistance.accommodation': 'Alloggio',
  'arrange-assistance.accommodation.ngo-shelter': 'Struttura della ONG',
  'arrange-assistance.accommodation.secure-shelter': 'Struttura protetta',
  'arrange-assistance.accommodation.own-accommodation': 'Sistemazione propria',
  'arrange-assistance.accommodation.other': 'Altro',
  'arrange-assistance.accommodation.none-needed': 'Non serve',
  'arrange-assistance.interpreterAssigned': 'Interprete assegnato',
  'arrange-assistance.referrals': 'Invii fatti (codici di servizio)',
  'arrange-assistance.note': 'Nota (senza nomi, mai l’indirizzo della struttura)',
  'arrange-assistance.futureOption': 'Scelta della persona per il futuro, dopo esserne stata informata (L5579-L5580)',
  'arrange-assistance.futureOption.stay-in-destination': 'Restare nel paese in cui si trova',
  'arrange-assistance.futureOption.assisted-return': 'Rimpatrio assistito',
  'arrange-assistance.futureOption.undecided': 'Non ha ancora deciso',
  'arrange-assistance.futureOption.help':
    'Il rimpatrio assistito apre l’invio a un caso di rimpatrio (passo “La ONG invia la persona a un rimpatrio ' +
    'assistito”).',
  'refer-for-return': 'La ONG invia la persona a un rimpatrio assistito',
  'refer-for-return.referral': 'Inviare la persona a un rimpatrio assistito',
  'refer-for-return.referral.refer': 'Inviare',
  'refer-for-return.referral.person-changed-mind': 'La persona ha cambiato idea',
  'refer-for-return.isMinor': 'La persona è minorenne o presunta tale',
  'refer-for-return.isMinor.help': 'Chi si presume minorenne è trattato come minore (L7216-L7217).',
  'refer-for-return.returnCountry': 'Paese di ritorno (ISO 3166-1 alpha-2)',
  'refer-for-return.plannedReturnDate': 'Data prevista del rimpatrio',
  'refer-for-return.note': 'Nota (senza nomi; non passa al caso di rimpatrio)',
  'risk-assessment': 'Relazione individuale di valutazione del rischio',
  'risk-assessment.overallRisk': 'Rischio complessivo',
  'risk-assessment.riskFromNetwork': 'Rischio da parte della rete di trafficanti',
  'risk-assessment.riskFromFamily': 'Rischio per la famiglia o da parte della famiglia',
  'risk-assessment.healthConcern': 'Problemi di salute fisica o mentale',
  'risk-assessment.riskBehaviours': 'Comportamenti a rischio in passato',
  'risk-assessment.policeConsulted': 'Ottenuto il parere della polizia sul rischio legato alla rete',
  'risk-assessment.protectionMeasures': 'Misure di protezione concordate (codici)',
  'risk-assessment.nextReview': 'Data della prossima revisione del rischio',
  'court-escort': 'Accompagnare la persona all’udienza',
  'court-escort.hearingDate': HEARING_DATE,
  'court-escort.outcome': 'Esito dell’accompagnamento',
  'court-escort.outcome.attended': 'La persona era presente all’udienza',
  'court-escort.outcome.postponed': 'Udienza rinviata',
  'court-escort.outcome.not-attended': 'La persona non era presente all’udienza',
  'court-escort.accompanied': 'Il personale della ONG ha accompagnato la persona',
  'court-escort.interpreterProvided': 'Interprete presente',
  'court-escort.policeProtection': 'Protezione di polizia garantita all’udienza',
  'court-escort.noticeDays': 'Giorni di preavviso prima dell’udienza',
  'court-escort.note': NOTE,
  'person-follow-up': 'Rivedere il seguito della persona',
  'person-follow-up.decision': 'Il seguito della persona',
  'person-follow-up.decision.continue': 'Continuare',
  'person-follow-up.decision.close-follow-up': 'Chiudere il seguito',
  'person-follow-up.proceedingsExpected': 'Si prevede ancora un procedimento giudiziario',
  'person-follow-up.note': NOTE,
  'quarterly-review': 'Riunione trimestrale di coordinamento',
  'quarterly-review.meetingDate': 'Data della riunione di coordinamento',
  'quarterly-review.casesReviewed': 'Fascicoli delle persone esaminati',
  'quarterly-review.goodPractices': 'Buone pratiche individuate (L5596)',
  'quarterly-review.badPracticesAndProposals': 'Cattive pratiche e proposte per correggerle (L5597)',
  'quarterly-review.adjustments': 'Correzioni concordate (pianificare, intervenire, verificare e correggere: L5585)',
  'quarterly-review.decision': 'L’operazione',
  'quarterly-review.decision.continue': 'Continua',
  'quarterly-review.decision.close-operation': 'Chiudere l’operazione',
  'court-date-set.person': 'Codice della persona (P1, P2…)',
  'court-date-set.hearingDate': HEARING_DATE,
  'court-date-set.courtCode': 'Codice di riferimento del tribunale',
};
for (const field of ['overallRisk', 'riskFromNetwork', 'riskFromFamily'])
  for (const [option, text] of Object.entries(RISK)) FIELDS[`risk-assessment.${field}.${option}`] = text;

const DESCRIPTIONS: Record<string, string> = {
  'accept-request':
    'La polizia chiede alla ONG di “coordinare insieme il primo intervento” (L5572-L5573). La risposta, il suo ' +
    'obiettivo di un giorno e il caso del rifiuto sono dedotti; il referente unico viene da C11 (L7651).',
  'plan-operation':
    'Pianificazione congiunta, parte della polizia: “preparazione di un’operazione congiunta di polizia” (L5577). ' +
    'Obiettivo dedotto.',
  'plan-logistics':
    'Pianificazione congiunta, parte della ONG: “alloggio, organizzazione, traduttori” (L5578), “invii” (L2313) e ' +
    'partner (L5584). Procede in parallelo alla pianificazione della polizia; la divisione dei compiti e ' +
    'l’obiettivo sono dedotti.',
  'deploy-operation':
    'La polizia contatta le presunte vittime e ne garantisce la protezione (L5575). Obiettivo dedotto.',
  'check-and-adjust':
    'Pianificare, intervenire, verificare e correggere (L5585). Che si passi di qui quando nessuno è identificato ' +
    'è dedotto.',
  'rights-information':
    'Informazione completa su diritti, protezione e scelte per il futuro da parte degli operatori della ONG ' +
    '“appena” la persona è identificata (L5579-L5580). La fonte non indica tempi: l’obiettivo di due ore è dedotto.',
  'assistance-decision':
    'Non presente in P15 (dedotto dai principi): assistenza solo con il consenso (L1129-L1130) e qualunque cosa la ' +
    'persona dica sulla collaborazione con la polizia (L3575-L3576). Nessun obiettivo: i tempi sono quelli della ' +
    'persona.',
  'arrange-assistance':
    '“Assistenza tempestiva e adeguata … invio, alloggio, organizzazione, traduzione” (L2222). Obiettivo dedotto.',
  'refer-for-return':
    'Si apre quando la persona, informata delle sue scelte per il futuro (L5579-L5580), ha scelto di tornare. ' +
    '“Con il suo consenso” la ONG organizza il rimpatrio (L7623-L7627), come ha fatto KOOFRA per una persona ' +
    'conosciuta tramite la polizia (L7461); si trasmette solo ciò che serve al rimpatrio (L7398-L7400). Apre il ' +
    'caso di rimpatrio assistito; obiettivo dedotto.',
  'risk-assessment':
    'Redatta “grazie a questa collaborazione” (L2223-L2224). La fonte non dice chi la compila: la ONG, con il ' +
    'parere della polizia come campo (dedotto). Voci dal modulo di C1 (L6266-L6267). Obiettivo dedotto.',
  'court-escort':
    'Si apre quando un evento “udienza fissata” indica la persona; “coordinamento e accompagnamento delle vittime ' +
    'nei procedimenti giudiziari” (L5582). Scade alla data dell’udienza, che il sistema non sa ancora impostare.',
  'person-follow-up':
    'Si apre ogni 90 giorni senza una data d’udienza, perché nessun ramo resti in attesa per sempre; la ONG chiude ' +
    'il seguito o lo tiene aperto. Cadenza, obiettivo e il passo stesso sono dedotti (“monitoraggio del caso”, ' +
    'L5569).',
  'quarterly-review':
    '“Riunioni trimestrali regolari di coordinamento” (L5581), registrate dal coordinatore della polizia (dedotto). ' +
    'Ogni 90 giorni (dedotto da “trimestrali”) finché l’operazione è aperta; la chiusura vale solo quando il ramo ' +
    'di ogni persona è terminato.',
};

export const JOINT_OPERATION_LABELS_IT: Record<string, string> = (() => {
  const out: Record<string, string> = {
    [`${S}.title`]: 'Operazione congiunta polizia–ONG',
    [`${S}.summary`]:
      'La polizia chiede un’operazione congiunta; polizia e ONG la pianificano con una lista della logistica; la ' +
      'polizia interviene; per ogni persona identificata gli operatori della ONG la informano subito dei suoi ' +
      'diritti, la persona decide sull’assistenza (mai in cambio della collaborazione con la polizia), l’assistenza ' +
      'viene organizzata, si redige una valutazione del rischio e la persona viene accompagnata in tribunale se c’è ' +
      'un procedimento; le riunioni trimestrali chiudono l’operazione.',
    [`${S}.slot.police`]: 'Unità anti-tratta della polizia',
    [`${S}.slot.ngo`]: 'ONG specializzata',
    [`${S}.event.court-date-set`]: 'È stata fissata un’udienza per una persona',
    [`${S}.end.request-declined`]: 'Richiesta rifiutata dalla ONG',
    [`${S}.end.no-person-identified`]: 'Nessuna persona identificata',
    [`${S}.end.operation-closed`]: 'Operazione chiusa',
    [`${S}.end.assistance-declined`]: 'Assistenza rifiutata',
    [`${S}.end.assisted-and-placed`]: 'Assistita e sistemata',
    [`${S}.end.court-escort-completed`]: 'Accompagnata in tribunale',
    [`${S}.end.cancelled`]: 'Annullato',
    'phase.deployment': 'intervento',
    'phase.review': 'verifica',
    'phase.psychosocial': 'psicosociale',
    'phase.court': 'tribunale',
  };
  for (const [key, text] of Object.entries(FIELDS)) out[`${S}.${key}`] = text;
  for (const [id, text] of Object.entries(DESCRIPTIONS)) out[`${S}.describe.${id}`] = text;
  return out;
})();
