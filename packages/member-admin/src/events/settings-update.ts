/** Settings were saved (`id`: which, `messaging`, `notifications` or `retention`). Bubbles, composed. */
export class HeraldSettingsUpdateEvent extends Event {
  constructor(readonly detail: { id: 'messaging' | 'notifications' | 'retention' }) {
    super('herald-settings-update', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-settings-update': HeraldSettingsUpdateEvent;
  }
}
