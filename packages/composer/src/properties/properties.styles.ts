// Message properties.
import { css } from 'lit';

export const propertiesStyles = css`
  .properties .field {
    flex: 1 1 192px;
  }
`;
