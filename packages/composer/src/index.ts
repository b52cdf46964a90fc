export { HeraldComposer } from './composer/composer.js';
