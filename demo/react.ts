// A React app using the wrappers of beian-elements/react (createElement, so the example needs no JSX setup).
import { createElement as h, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BeianBadge } from '../src/react/index.js';

function App() {
  const [icp, setIcp] = useState('京ICP备123号');
  const [problem, setProblem] = useState('');
  return h(
    'div',
    null,
    h(BeianBadge, {
      id: 'react-badge',
      icp,
      psb: '京公网安备11010602202215号',
      onInvalid: (e) =>
        setProblem(e.filings.map((f) => `${f.input}: ${f.diagnostics.map((d) => d.rule).join(', ')}`).join('; ')),
    }),
    h('p', { id: 'problem' }, problem || 'no problem'),
    h(
      'button',
      {
        id: 'fix',
        type: 'button',
        onClick: () => {
          setIcp('京ICP备2026002630号-1');
          setProblem('');
        },
      },
      'Fix the number',
    ),
  );
}

createRoot(document.getElementById('root')!).render(h(App));
