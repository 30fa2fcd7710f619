import type { EventBus } from '../events/bus';
import type { Storage } from '../storage/ports';

/** What every command needs, passed explicitly so tests can swap the clock or the store. */
export interface CommandContext {
  storage: Storage;
  events: EventBus;
  now: () => Date;
}
