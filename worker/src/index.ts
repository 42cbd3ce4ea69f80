import { createApp } from './app.ts';

export { AccountStore } from './account/store.ts';
export { ClientLimiter } from './limits/client-limiter.ts';
export { DevOutbox } from './notify/outbox.ts';

export default createApp();
