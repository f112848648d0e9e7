export * from './referral-messages';
export * from './referral-seal';
export * from './referral-fields';
export * from './own-keys';
export * from './partner-directory';
export * from './referral-store';
export * from './referral-transport';
export * from './referral-notices';
