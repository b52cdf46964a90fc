// The editor's image controls and their strings, one lazy import beside Tiptap's (issue 20 #9).
export { ImageTools } from './image-tools.js';
export { imageStrings } from './i18n/index.js';
