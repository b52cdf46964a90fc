import { css } from 'lit';
import { tabStyles } from '../shared/styles.js';

export const styles = [
  ...tabStyles,
  css`
    .grow {
      flex: 1 1 224px;
    }
    .check {
      display: flex;
      gap: var(--_herald-space-1);
      align-items: center;
      font-weight: normal;
    }
    [part='more'] {
      margin-top: var(--_herald-space-3);
    }
    [part='detail'] {
      padding: var(--_herald-space-3);
      margin-bottom: var(--_herald-space-3);
      border: 1px solid var(--_herald-color-border);
      border-radius: var(--_herald-radius-m);
    }
    [part='detail'] h3,
    [part='detail'] h4 {
      margin: var(--_herald-space-2) 0;
    }
    [part='grants'] li {
      margin-bottom: var(--_herald-space-1);
    }
  `,
];
