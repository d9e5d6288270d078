import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { Configure } from './Configure.js';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      {window.location.pathname === '/tab/configure' ? <Configure /> : <App />}
    </StrictMode>,
  );
}
