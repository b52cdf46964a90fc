/** Issue 19 item 6: a note on a contact was logged. Bubbles, composed. */
export class HeraldContactNoteCreateEvent extends Event {
  constructor(readonly detail: { contactId: string; noteId: string }) {
    super('herald-contact-note-create', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-contact-note-create': HeraldContactNoteCreateEvent;
  }
}
