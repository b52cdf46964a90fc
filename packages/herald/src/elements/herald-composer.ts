// /widgets/herald-composer.js: <herald-composer>; the rich-text editor (Tiptap) loads on focus or when the page is
// idle.
import '@herald/composer/herald-composer';
export { HeraldComposer, HeraldMessageSentEvent } from '@herald/composer';
