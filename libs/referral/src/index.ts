export * from './referral-messages';
export * from './referral-seal';
export * from './referral-fields';
