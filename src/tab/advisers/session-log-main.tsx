import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SessionLog } from './SessionLog.js';
import { TabShell } from './shell.js';

// The "Session log" static tab (/tab/session-log): its own bundle, without the charts.
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <TabShell>{(context) => <SessionLog {...context} />}</TabShell>
    </StrictMode>,
  );
}
