import { css } from 'lit';
import { providerTheme, tokens } from '@herald/core';

export const styles = [
  tokens,
  providerTheme,
  css`
    :host {
      display: block;
      color: inherit;
      font: inherit;
    }
    [part='loading'] {
      min-height: 2rem;
    }
  `,
];
