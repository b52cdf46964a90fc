export { HeraldComposer } from './composer/composer.js';
export { HeraldMessageSentEvent } from './events/message-sent.js';
export { ComposerApi } from './api/composer-api.js';
export type {
  Attachment,
  AudienceCount,
  AudienceEntry,
  DirectoryItem,
  Message,
  MessageKind,
  Priority,
  RichDoc,
  SendInput,
} from './api/types.js';
