// Define the elements before React's first render, so React 19 sets tokenProvider (a function) as a property.
import '@herald/elements/herald-provider';
import '@herald/elements/herald-inbox';
import '@herald/elements/herald-unread-badge';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
