// An SPA shell as self-hosted apps have them: a full-height React app whose router, on "login", throws away the
// body's children and mounts a fresh root, as some frameworks do.
import { createElement as h, useState } from 'react';
import { createRoot } from 'react-dom/client';

const screen = { minHeight: '100vh', display: 'grid', placeItems: 'center', margin: 0 };

function Login({ onLogin }: { onLogin: () => void }) {
  return h(
    'main',
    { style: screen },
    h(
      'form',
      {
        id: 'login',
        onSubmit: (e: Event) => {
          e.preventDefault();
          onLogin();
        },
      },
      h('h1', null, '登录'),
      h('input', { name: 'user', 'aria-label': '用户名' }),
      h('button', { id: 'submit' }, '登录'),
    ),
  );
}

function Dashboard() {
  const [n, setN] = useState(0);
  return h(
    'main',
    { id: 'dashboard', style: screen },
    h('button', { id: 'count', onClick: () => setN(n + 1) }, `点击 ${n}`),
  );
}

function start(): void {
  createRoot(document.getElementById('root')!).render(h(Login, { onLogin: replaceBody }));
}

function replaceBody(): void {
  document.body.innerHTML = '<div id="root"></div>';
  createRoot(document.getElementById('root')!).render(h(Dashboard));
}

start();
