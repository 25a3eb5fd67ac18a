import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Session } from './auth/session.js';
import { App } from './shell/app.js';
import { Router } from './shell/router.js';
import { SessionProvider } from './shell/session-context.js';
import './styles.css';

const session = new Session();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionProvider session={session}>
      <Router>
        <App />
      </Router>
    </SessionProvider>
  </StrictMode>,
);
