export { HeraldComposer } from './composer/composer.js';
export { HeraldMessageSentEvent } from './events/message-sent.js';
export { ComposerApi } from './api/composer-api.js';
export type { Attachment, AudienceCount, AudienceEntry, DirectoryItem, Message, MessageKind, Priority, RichDoc, SendInput } from './api/types.js';
// The rich-text editor for other elements' shadow roots (the message view's reply and edit): the controller loads
// Tiptap lazily; its host supplies a ComposerContext whose state holds only the body.
export { BodyEditorController } from './editor/body-editor.js';
export { bodyEditorStyles } from './editor/body-editor.styles.js';
export { emptyDoc, isEmptyDoc } from './editor/rich-doc.js';
export type { ComposerContext, ComposerHost } from './composer/context.js';
export type { ComposerState } from './composer/state.js';
