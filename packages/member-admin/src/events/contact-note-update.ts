/** Issue 19 item 6: a note on a contact was corrected. Bubbles, composed. */
export class HeraldContactNoteUpdateEvent extends Event {
  constructor(readonly detail: { contactId: string; noteId: string }) {
    super('herald-contact-note-update', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-contact-note-update': HeraldContactNoteUpdateEvent;
  }
}
