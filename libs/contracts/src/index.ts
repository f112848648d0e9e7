export * from './forms.contract';
export * from './sop.contract';
export * from './messages.contract';
export * from './activities.contract';
export * from './errors.contract';
export * from './consent.contract';
export * from './compartments.contract';
export * from './policy';
