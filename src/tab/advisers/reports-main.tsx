import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Reports } from './Reports.js';
import { TabShell } from './shell.js';

// The "Reports" static tab (/tab/reports): its own bundle, the only one carrying the charts (d3).
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <TabShell>{(context) => <Reports {...context} />}</TabShell>
    </StrictMode>,
  );
}
