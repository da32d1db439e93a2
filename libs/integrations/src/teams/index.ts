export * from './teams.address';
export * from './teams.sender';
export * from './teams-webhook.url';
export * from './adaptive-card.renderer';
export * from './adaptive-card.validator';
