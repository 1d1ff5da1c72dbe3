// Browser entry: mounts the app and registers the service worker that keeps the app
// shell available offline (a reload with no network still opens the local copies).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  navigator.serviceWorker.register('/sw.js').catch((err: unknown) => {
    console.warn('service worker not registered; offline reload will not work', err);
  });
}
