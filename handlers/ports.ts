/** The small interfaces the handlers need from the outside world, one file each in ports/; adapters implement them. */
export * from './ports/alertClaims';
export * from './ports/alerter';
export * from './ports/auditExports';
export * from './ports/ballotBox';
export * from './ports/clock';
export * from './ports/credentialMinter';
export * from './ports/credentials';
export * from './ports/deps';
export * from './ports/effectsLedger';
export * from './ports/eventStream';
export * from './ports/lifecycleStarter';
export * from './ports/linkRequests';
export * from './ports/log';
export * from './ports/mailer';
export * from './ports/mailOutbox';
export * from './ports/metrics';
export * from './ports/roll';
