import { css } from 'lit';
import { providerTheme, tokens } from '@herald/core';

export const styles = [
  tokens,
  providerTheme,
  css`
    :host {
      display: block;
    }
    [part='loading'] {
      min-height: 32px;
    }
  `,
];
