/** Italian labels of the demo hand-off SOP (workflows/demo-handoff/demo-handoff.sop.ts), the one first-time users try. */
const D = 'demo-handoff';

export const DEMO_LABELS_IT: Record<string, string> = {
  [`${D}.title`]: 'Passaggio di consegne dimostrativo tra due agenzie',
  [`${D}.summary`]: "L'agenzia A esamina una presa in carico e passa il caso all'agenzia B, che ne registra l'esito.",
  [`${D}.slot.a`]: 'Agenzia che invia',
  [`${D}.slot.b`]: 'Agenzia che riceve',
  [`${D}.intake.channel`]: 'Come è arrivato il caso',
  [`${D}.intake.channel.phone`]: 'Telefono',
  [`${D}.intake.channel.walk-in`]: 'Di persona',
  [`${D}.intake.channel.referral`]: 'Segnalazione',
  [`${D}.review-intake`]: 'Esaminare la presa in carico e passare le consegne',
  [`${D}.review-intake.ready`]: 'Pronto per il passaggio di consegne',
  [`${D}.review-intake.note`]: "Nota per l'agenzia che riceve",
  [`${D}.record-outcome`]: "Registrare l'esito",
  [`${D}.record-outcome.outcome`]: 'Esito',
  [`${D}.record-outcome.outcome.resolved`]: 'Risolto',
  [`${D}.record-outcome.outcome.referred-on`]: 'Inviato ad altri servizi',
  [`${D}.review-intake.respondBy`]: "L'ente ricevente deve registrare l'esito entro",
  [`${D}.review-intake.respondBy.help`]:
    "Una data o data e ora; fissa la scadenza respond-by della registrazione dell'esito.",
  [`${D}.record-outcome.decidedOn`]: 'Deciso il',
  [`${D}.end.resolved`]: 'Risolto',
  [`${D}.end.referred-on`]: 'Inviato ad altri servizi',
  [`${D}.end.cancelled`]: 'Annullato',
};
