/** Settings were saved (`id`: which, `messaging` or `notifications`). Bubbles, composed. */
export class HeraldSettingsUpdateEvent extends Event {
  constructor(readonly detail: { id: 'messaging' | 'notifications' }) {
    super('herald-settings-update', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-settings-update': HeraldSettingsUpdateEvent;
  }
}
