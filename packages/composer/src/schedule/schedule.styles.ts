// The schedule dialog's own look (issue 20 #1), adopted into the composer's shadow root when its chunk loads; the
// dialog, buttons and fields are the composer's. `css` comes from the composer (schedule.ts imports nothing of lit's).
import type { css as litCss } from 'lit';

export const scheduleStyles = (css: typeof litCss) => css`
  [part='schedule-dialog'] h3 {
    margin: 0 0 var(--_herald-space-2);
  }
  [part='schedule-dialog'] .quick {
    margin-block: var(--_herald-space-2);
  }
  [part='schedule-dialog'] .quick button {
    display: inline-flex;
    flex-direction: column;
    align-items: start;
  }
  #schedule-at {
    width: 100%;
    box-sizing: border-box;
  }
`;
