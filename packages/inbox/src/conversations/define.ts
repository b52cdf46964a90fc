// The new-conversation form holds <herald-rich-text-editor> (its Tiptap stays lazy).
import '@herald/rich-text-editor/define';
import { HeraldConversationForm } from './conversation-form.js';
import { HeraldCustomerQueue } from './customer-queue.js';

HeraldCustomerQueue.define('herald-customer-queue');
HeraldConversationForm.define('herald-conversation-form');

declare global {
  interface HTMLElementTagNameMap {
    'herald-customer-queue': HeraldCustomerQueue;
    'herald-conversation-form': HeraldConversationForm;
  }
}
