// What the composer's parts (recipients, attachments, properties, preview) read and call on the composer; the body
// is <herald-rich-text-editor>, which reports through its change event.
// The composer keeps the message state, the field errors and the drafts; each part keeps only its own UI state.
import type { ReactiveControllerHost, TemplateResult } from 'lit';
import type { HeraldProblem } from '@herald/client';
import type { LocalizeController, MessageKey } from '@herald/core';
import type { ComposerApi } from '../api/composer-api.js';
import type { FieldName } from './fields.js';
import type { ComposerState } from './state.js';

export type CountKey =
  'composer.recipients.people' | 'composer.recipients.reaches' | 'composer.preview.total' | 'composer.sent';

/** The composer element, as its controllers see it. */
export type ComposerHost = ReactiveControllerHost &
  HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

export interface ComposerContext {
  readonly i18n: LocalizeController;
  /** The message being written. */
  state(): ComposerState;
  /** One change by the user: new state, that field's error cleared, autosave scheduled. */
  update(patch: Partial<ComposerState>, field?: FieldName): void;
  /** The client's API, or undefined while there is no client. */
  api(): ComposerApi | undefined;
  /** The error shown under a field (if any). */
  error(field: FieldName): string | undefined;
  clearError(field: FieldName): void;
  /** Puts a problem's field errors next to their fields; with `asStatus`, the rest goes to the status line. */
  showProblem(problem: HeraldProblem, asStatus: boolean): void;
  /** The error line under a field. */
  renderError(field: FieldName): TemplateResult;
  t(key: MessageKey, params?: Record<string, unknown>): string;
  /** A count in words: the `.one` variant of the key for exactly one (English "1 person"). */
  plural(key: CountKey, count: number): string;
}
