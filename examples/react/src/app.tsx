import type {} from '@herald/elements/react'; // JSX types of every Herald element, from its manifest
import { useEffect, useState } from 'react';

const HERALD = import.meta.env.VITE_HERALD_URL as string;

/** The host's own token endpoint (herald-token.ts); a failing one is thrown with its status, so Herald names it. */
async function getToken(): Promise<string> {
  const res = await fetch('/herald-token', { method: 'POST' });
  if (!res.ok) throw Object.assign(new Error(`token endpoint ${res.status}`), { status: res.status });
  return res.text();
}

function Messages() {
  const [opened, setOpened] = useState('');
  return (
    <herald-provider api={HERALD} sign-in="off" locale="en" tokenProvider={getToken}>
      <p>
        Unread: <herald-unread-badge />
      </p>
      <herald-inbox
        view="inbox"
        onherald-message-open={(e) => setOpened(e.detail.messageId)}
        onherald-mailbox-delete-request={(e) => confirm(`Delete ${e.detail.messageIds.length}?`) || e.preventDefault()}
      />
      <p role="status">{opened && `Opened message ${opened}`}</p>
    </herald-provider>
  );
}

/** Two routes: leaving "Messages" unmounts the provider, which closes its live stream. */
export function App() {
  const [route, setRoute] = useState(location.hash || '#/messages');
  useEffect(() => {
    const follow = () => setRoute(location.hash);
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  return (
    <>
      <nav>
        <a href="#/messages">Messages</a> · <a href="#/about">About</a>
      </nav>
      <main>{route === '#/about' ? <h1>About Acme</h1> : <Messages />}</main>
    </>
  );
}
